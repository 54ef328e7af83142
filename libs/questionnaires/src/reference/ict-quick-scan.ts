import type { TemplateDefinition } from '../definition/template-definition';
import { opt, t, yesNo } from './builders';
import {
  AGE_VERIFICATION,
  ANONYMOUS_GRIEVANCE_MECHANISM,
  ASSEMBLY_COUNTRIES,
  ASSEMBLY_SITES_DISCLOSED,
  CONFORMANT_SMELTERS,
  HAZARDOUS_SUBSTANCE_PROTECTION,
  IDENTITY_DOCUMENTS_RETAINED,
  LIVING_WAGE,
  LONGEST_WORKING_WEEK,
  MIGRANT_CONTRACTS,
  MIGRANT_WORKERS,
  PREGNANCY_TESTS,
  RECRUITMENT_FEES,
  SAFETY_MANAGEMENT_CERTIFIED,
  UNDERAGE_WORKERS_FOUND,
  WORKER_REPRESENTATION,
} from './shared-questions';

/**
 * Platform reference template: the ICT supply-chain quick scan.
 *
 * About 25 of the most telling questions across every theme of the due-diligence brief, rolled up
 * worst-of: one red answer makes the section and the overall rating red, one amber answer makes them
 * amber. Buyers copy it into their own templates; it is data only (plain JSON once serialised).
 */

const TIER1 = t(
  'Tier 1 means the production sites that make the contracted products themselves (final assembly), whether you own them or buy from them directly. Where you do not own a site, answer for what you know from audits, worker interviews and supplier reporting, and say in a comment how you know it.',
  "Le rang 1 désigne les sites de production qui fabriquent les produits faisant l'objet du marché (assemblage final), que vous en soyez propriétaire ou que vous vous y approvisionniez directement. Pour un site qui ne vous appartient pas, répondez selon ce que vous savez par les audits, les entretiens avec les travailleurs et le reporting de vos fournisseurs, et précisez en commentaire comment vous le savez.",
  'Tier 1 zijn de productielocaties die de producten van de opdracht zelf maken (eindassemblage), ongeacht of ze van u zijn of u er rechtstreeks aankoopt. Voor een locatie die niet van u is, antwoordt u op basis van wat u weet uit audits, gesprekken met werknemers en rapportering van uw leveranciers, en vermeldt u in een opmerking hoe u dat weet.',
);

export const ICT_QUICK_SCAN: TemplateDefinition = {
  languages: ['en', 'fr', 'nl'],
  title: t(
    'ICT supply-chain quick scan',
    "Quick scan de la chaîne d'approvisionnement TIC",
    'Quickscan van de ICT-toeleveringsketen',
  ),
  description: t(
    'A short self-assessment of the human-rights, labour and environmental risks in the supply chain of the contracted ICT hardware. Each answer gets a colour by the rule shown with the question; the section and overall rating is the worst colour found. A red answer becomes a finding that needs a corrective action plan.',
    "Une courte auto-évaluation des risques pour les droits humains, les droits du travail et l'environnement dans la chaîne d'approvisionnement du matériel TIC faisant l'objet du marché. Chaque réponse reçoit une couleur selon la règle affichée avec la question ; la cote d'une section et la cote globale correspondent à la couleur la plus défavorable. Une réponse rouge devient une constatation qui exige un plan d'action correctif.",
    'Een korte zelfevaluatie van de risico\'s voor mensenrechten, arbeidsrechten en milieu in de toeleveringsketen van de ICT-apparatuur van de opdracht. Elk antwoord krijgt een kleur volgens de regel die bij de vraag staat; de score van een sectie en de totaalscore zijn de slechtste kleur die voorkomt. Een rood antwoord wordt een bevinding waarvoor een corrigerend actieplan nodig is.',
  ),
  scoring: { method: 'worst' },
  sections: [
    {
      code: 'MS',
      title: t('Due-diligence management', 'Gestion de la diligence raisonnable', 'Beheer van gepaste zorgvuldigheid'),
      description: t(
        'How your organisation identifies, prevents and remedies risks in its supply chain.',
        "Comment votre organisation identifie, prévient et répare les risques dans sa chaîne d'approvisionnement.",
        "Hoe uw organisatie risico's in haar toeleveringsketen identificeert, voorkomt en herstelt.",
      ),
      questions: [
        {
          code: 'QS-MS-01',
          theme: 'management_system',
          type: 'yes_no',
          text: t(
            'Do you have a written human-rights and labour-rights policy, approved by top management, that your suppliers must apply?',
            'Disposez-vous d\'une politique écrite en matière de droits humains et de droits du travail, approuvée par la direction générale, que vos fournisseurs sont tenus d\'appliquer ?',
            'Hebt u een schriftelijk beleid inzake mensenrechten en arbeidsrechten, goedgekeurd door het topmanagement, dat uw leveranciers moeten toepassen?',
          ),
          guidance: t(
            'The policy should refer at least to the ILO core conventions (forced labour, child labour, freedom of association, non-discrimination, health and safety) and be part of your supplier contracts or code of conduct. Upload the policy if you answer yes.',
            "La politique doit au moins faire référence aux conventions fondamentales de l'OIT (travail forcé, travail des enfants, liberté syndicale, non-discrimination, santé et sécurité) et faire partie de vos contrats fournisseurs ou de votre code de conduite. Joignez la politique si vous répondez oui.",
            'Het beleid verwijst minstens naar de fundamentele IAO-verdragen (dwangarbeid, kinderarbeid, vrijheid van vereniging, non-discriminatie, gezondheid en veiligheid) en maakt deel uit van uw leverancierscontracten of gedragscode. Voeg het beleid toe als u ja antwoordt.',
          ),
          required: true,
          evidence: { required: 'when', anyOf: ['yes'] },
          options: yesNo('green', 'red'),
        },
        {
          code: 'QS-MS-02',
          theme: 'management_system',
          type: 'single_choice',
          text: t(
            'When did you last carry out a risk analysis of human-rights and environmental risks in the supply chain of the contracted products?',
            "Quand avez-vous réalisé pour la dernière fois une analyse des risques pour les droits humains et l'environnement dans la chaîne d'approvisionnement des produits faisant l'objet du marché ?",
            "Wanneer hebt u voor het laatst een analyse gemaakt van de risico's voor mensenrechten en milieu in de toeleveringsketen van de producten van de opdracht?",
          ),
          guidance: t(
            'A risk analysis identifies where in the chain (sites, countries, materials) workers or the environment are most likely to be harmed, and ranks these risks by severity and likelihood.',
            "Une analyse des risques identifie les endroits de la chaîne (sites, pays, matières) où les travailleurs ou l'environnement risquent le plus de subir des atteintes, et classe ces risques selon leur gravité et leur probabilité.",
            'Een risicoanalyse brengt in kaart waar in de keten (locaties, landen, materialen) werknemers of het milieu het meest kans lopen op schade, en rangschikt die risico\'s volgens ernst en waarschijnlijkheid.',
          ),
          required: true,
          options: [
            opt('within_12_months', t('In the last 12 months', 'Au cours des 12 derniers mois', 'In de afgelopen 12 maanden'), 'green'),
            opt('within_24_months', t('Between 12 and 24 months ago', 'Il y a 12 à 24 mois', '12 tot 24 maanden geleden'), 'amber'),
            opt('older_or_never', t('More than 24 months ago, or never', 'Il y a plus de 24 mois, ou jamais', 'Meer dan 24 maanden geleden, of nooit'), 'red'),
          ],
        },
        {
          code: 'QS-MS-03',
          ...ANONYMOUS_GRIEVANCE_MECHANISM,
          guidance: TIER1,
          required: true,
          options: [
            opt('all_sites', t('Yes, at all tier-1 sites, in the workers\' languages', 'Oui, sur tous les sites de rang 1, dans les langues des travailleurs', 'Ja, op alle tier 1-locaties, in de talen van de werknemers'), 'green'),
            opt('some_sites', t('At some tier-1 sites only', 'Sur certains sites de rang 1 seulement', 'Alleen op sommige tier 1-locaties'), 'amber'),
            opt('none', t('No', 'Non', 'Nee'), 'red'),
          ],
        },
        {
          code: 'QS-MS-04',
          theme: 'management_system',
          type: 'single_choice',
          text: t(
            'What share of the final assembly sites of the contracted products had an independent third-party social audit in the last 24 months?',
            "Quelle part des sites d'assemblage final des produits faisant l'objet du marché a été soumise à un audit social par une tierce partie indépendante au cours des 24 derniers mois ?",
            'Welk deel van de eindassemblagelocaties van de producten van de opdracht kreeg in de afgelopen 24 maanden een sociale audit door een onafhankelijke derde partij?',
          ),
          guidance: t(
            'Count audits such as RBA VAP, SA8000, SMETA or amfori BSCI, or audits required by TCO Certified, that include confidential worker interviews. Internal audits do not count.',
            "Comptez les audits tels que RBA VAP, SA8000, SMETA ou amfori BSCI, ou ceux exigés par TCO Certified, qui comprennent des entretiens confidentiels avec les travailleurs. Les audits internes ne comptent pas.",
            'Tel audits zoals RBA VAP, SA8000, SMETA of amfori BSCI, of audits die TCO Certified vereist, met vertrouwelijke gesprekken met werknemers. Interne audits tellen niet mee.',
          ),
          required: true,
          evidence: { required: 'when', anyOf: ['all', 'some'] },
          options: [
            opt('all', t('All of them', 'Tous', 'Alle'), 'green'),
            opt('some', t('Some of them', 'Certains', 'Sommige'), 'amber'),
            opt('none', t('None', 'Aucun', 'Geen'), 'red'),
          ],
        },
        {
          code: 'QS-MS-05',
          theme: 'management_system',
          type: 'yes_no',
          text: t(
            'When an audit or a complaint reveals a violation, do you agree a corrective action plan with deadlines with the site and verify that it has been closed?',
            "Lorsqu'un audit ou une plainte révèle une violation, convenez-vous avec le site d'un plan d'action correctif assorti de délais et vérifiez-vous sa clôture ?",
            'Wanneer een audit of een klacht een schending aan het licht brengt, spreekt u dan met de locatie een corrigerend actieplan met termijnen af en controleert u of het is afgerond?',
          ),
          required: true,
          options: yesNo('green', 'red'),
        },
      ],
    },
    {
      code: 'SD',
      title: t('Disclosure of production sites', 'Publication des sites de production', 'Bekendmaking van productielocaties'),
      questions: [
        { code: 'QS-SD-01', ...ASSEMBLY_SITES_DISCLOSED },
        {
          code: 'QS-SD-02',
          theme: 'site_disclosure',
          type: 'single_choice',
          text: t(
            'Do you know the production sites of the main components (mainboard, display, battery, power supply) of the contracted products?',
            "Connaissez-vous les sites de production des principaux composants (carte mère, écran, batterie, alimentation) des produits faisant l'objet du marché ?",
            'Kent u de productielocaties van de belangrijkste componenten (moederbord, scherm, batterij, voeding) van de producten van de opdracht?',
          ),
          required: true,
          options: [
            opt('all', t('Yes, for all main components', 'Oui, pour tous les composants principaux', 'Ja, voor alle belangrijke componenten'), 'green'),
            opt('some', t('For some main components', 'Pour certains composants principaux', 'Voor sommige belangrijke componenten'), 'amber'),
            opt('none', t('No', 'Non', 'Nee'), 'red'),
          ],
        },
        { code: 'QS-SD-03', ...ASSEMBLY_COUNTRIES },
      ],
    },
    {
      code: 'LR',
      title: t('Labour rights at production sites', 'Droits du travail sur les sites de production', 'Arbeidsrechten op productielocaties'),
      description: TIER1,
      questions: [
        { code: 'QS-FL-01', ...IDENTITY_DOCUMENTS_RETAINED },
        { code: 'QS-FL-02', ...RECRUITMENT_FEES },
        {
          code: 'QS-FL-03',
          theme: 'forced_labour',
          type: 'yes_no',
          text: t(
            'Can all workers at tier-1 sites resign with the notice set by their contract or the law, without losing earned wages, deposits or documents?',
            'Tous les travailleurs des sites de rang 1 peuvent-ils démissionner moyennant le préavis prévu par leur contrat ou par la loi, sans perdre de salaire acquis, de caution ni de documents ?',
            'Kunnen alle werknemers op tier 1-locaties ontslag nemen met de opzeggingstermijn uit hun contract of de wet, zonder verdiend loon, waarborgen of documenten te verliezen?',
          ),
          required: true,
          options: yesNo('green', 'red', 'no'),
        },
        {
          code: 'QS-CL-01',
          ...AGE_VERIFICATION,
          required: true,
          options: yesNo('green', 'red'),
        },
        { code: 'QS-CL-02', ...UNDERAGE_WORKERS_FOUND },
        { code: 'QS-FOA-01', ...WORKER_REPRESENTATION },
        { code: 'QS-ND-01', ...PREGNANCY_TESTS },
        { code: 'QS-WH-01', ...LONGEST_WORKING_WEEK },
        { code: 'QS-WH-02', ...LIVING_WAGE },
        { code: 'QS-WH-03', ...MIGRANT_WORKERS },
        {
          code: 'QS-WH-04',
          ...MIGRANT_CONTRACTS,
          guidance: t(
            'Replacing the contract on arrival with less favourable terms (contract substitution) is a forced-labour risk.',
            "Le remplacement du contrat à l'arrivée par des conditions moins favorables (substitution de contrat) constitue un risque de travail forcé.",
            'Het contract bij aankomst vervangen door minder gunstige voorwaarden (contractvervanging) is een risico op dwangarbeid.',
          ),
          required: true,
          condition: { questionCode: 'QS-WH-03', anyOf: ['yes'] },
          options: yesNo('green', 'red'),
        },
      ],
    },
    {
      code: 'HS',
      title: t('Health and safety', 'Santé et sécurité au travail', 'Gezondheid en veiligheid op het werk'),
      questions: [
        { code: 'QS-HS-01', ...SAFETY_MANAGEMENT_CERTIFIED },
        { code: 'QS-HS-02', ...HAZARDOUS_SUBSTANCE_PROTECTION },
      ],
    },
    {
      code: 'MN',
      title: t('Responsible minerals', 'Minerais responsables', 'Verantwoorde mineralen'),
      questions: [
        {
          code: 'QS-MN-01',
          theme: 'minerals',
          type: 'yes_no',
          text: t(
            'Do you hold a completed, current RMI Conflict Minerals Reporting Template (CMRT) covering the contracted products?',
            "Disposez-vous d'un Conflict Minerals Reporting Template (CMRT) du RMI complété et à jour, couvrant les produits faisant l'objet du marché ?",
            'Beschikt u over een ingevuld en actueel Conflict Minerals Reporting Template (CMRT) van het RMI dat de producten van de opdracht dekt?',
          ),
          guidance: t(
            'The CMRT is the Excel file in which the industry lists the smelters and refiners of tin, tantalum, tungsten and gold (3TG). Upload it if you answer yes.',
            "Le CMRT est le fichier Excel dans lequel le secteur recense les fonderies et affineurs d'étain, de tantale, de tungstène et d'or (3TG). Joignez-le si vous répondez oui.",
            'Het CMRT is het Excelbestand waarin de sector de smelterijen en raffinaderijen van tin, tantaal, wolfraam en goud (3TG) oplijst. Voeg het toe als u ja antwoordt.',
          ),
          required: true,
          evidence: { required: 'when', anyOf: ['yes'] },
          options: yesNo('green', 'red'),
        },
        { code: 'QS-MN-02', ...CONFORMANT_SMELTERS },
        {
          code: 'QS-MN-03',
          theme: 'minerals',
          type: 'yes_no',
          text: t(
            'Do you carry out due diligence on cobalt and mica in line with the OECD Due Diligence Guidance, for example by collecting the RMI Extended Minerals Reporting Template (EMRT)?',
            "Exercez-vous une diligence raisonnable sur le cobalt et le mica conformément au Guide de l'OCDE sur le devoir de diligence, par exemple en collectant l'Extended Minerals Reporting Template (EMRT) du RMI ?",
            'Past u gepaste zorgvuldigheid toe voor kobalt en mica volgens de OESO-richtsnoeren voor gepaste zorgvuldigheid, bijvoorbeeld door het Extended Minerals Reporting Template (EMRT) van het RMI te verzamelen?',
          ),
          required: true,
          options: yesNo('green', 'amber'),
        },
      ],
    },
    {
      code: 'EC',
      title: t('Environment and circularity', 'Environnement et circularité', 'Milieu en circulariteit'),
      questions: [
        {
          code: 'QS-EN-01',
          theme: 'environment',
          type: 'yes_no',
          text: t(
            'Do you take back the delivered equipment at end of life free of charge, and have it treated by a certified recycler?',
            'Reprenez-vous gratuitement le matériel livré en fin de vie et le faites-vous traiter par un recycleur certifié ?',
            'Neemt u de geleverde apparatuur op het einde van haar levensduur kosteloos terug en laat u ze verwerken door een gecertificeerde recycleerder?',
          ),
          guidance: t(
            'For example WEEELABEX, e-Stewards or R2 certified treatment, with certified data erasure before reuse.',
            "Par exemple un traitement certifié WEEELABEX, e-Stewards ou R2, avec effacement certifié des données avant réemploi.",
            'Bijvoorbeeld verwerking met een WEEELABEX-, e-Stewards- of R2-certificaat, met gecertificeerde gegevenswissing vóór hergebruik.',
          ),
          required: true,
          options: yesNo('green', 'amber'),
        },
        {
          code: 'QS-CE-01',
          theme: 'circularity',
          type: 'single_choice',
          text: t(
            'For how long after the end of production do you guarantee that spare parts for the contracted products remain available?',
            "Pendant combien de temps après la fin de la production garantissez-vous la disponibilité des pièces de rechange pour les produits faisant l'objet du marché ?",
            'Hoelang na het einde van de productie garandeert u dat reserveonderdelen voor de producten van de opdracht beschikbaar blijven?',
          ),
          required: true,
          options: [
            opt('five_years_or_more', t('5 years or more', '5 ans ou plus', '5 jaar of langer'), 'green'),
            opt('three_to_five_years', t('3 to less than 5 years', 'De 3 à moins de 5 ans', '3 tot minder dan 5 jaar'), 'amber'),
            opt('less_than_three_years', t('Less than 3 years, or no guarantee', 'Moins de 3 ans, ou aucune garantie', 'Minder dan 3 jaar, of geen garantie'), 'red'),
          ],
        },
      ],
    },
    {
      code: 'LB',
      title: t('Labels', 'Labels', 'Labels'),
      questions: [
        {
          code: 'QS-LB-01',
          theme: 'labels',
          type: 'single_choice',
          text: t(
            'Which is the most comprehensive label that all the contracted products currently hold?',
            "Quel est le label le plus complet que détiennent actuellement tous les produits faisant l'objet du marché ?",
            'Wat is het meest omvattende label dat alle producten van de opdracht momenteel dragen?',
          ),
          guidance: t(
            'TCO Certified and EPEAT include supply-chain and social criteria; Energy Star covers energy use only. Equivalent proof is accepted (Directive 2014/24/EU art. 43). Upload the certificates, with their numbers and expiry dates.',
            "TCO Certified et EPEAT comprennent des critères sociaux et relatifs à la chaîne d'approvisionnement ; Energy Star ne couvre que la consommation d'énergie. Une preuve équivalente est acceptée (directive 2014/24/UE, art. 43). Joignez les certificats, avec leur numéro et leur date d'expiration.",
            'TCO Certified en EPEAT bevatten criteria over de toeleveringsketen en sociale criteria; Energy Star dekt enkel het energieverbruik. Gelijkwaardig bewijs wordt aanvaard (richtlijn 2014/24/EU, art. 43). Voeg de certificaten toe, met hun nummer en vervaldatum.',
          ),
          required: true,
          evidence: { required: 'when', anyOf: ['tco_certified', 'epeat', 'energy_star_only', 'equivalent'] },
          options: [
            opt('tco_certified', t('TCO Certified', 'TCO Certified', 'TCO Certified'), 'green'),
            opt('epeat', t('EPEAT', 'EPEAT', 'EPEAT'), 'green'),
            opt('equivalent', t('Equivalent proof covering supply-chain criteria', "Preuve équivalente couvrant des critères relatifs à la chaîne d'approvisionnement", 'Gelijkwaardig bewijs dat criteria over de toeleveringsketen dekt'), 'amber'),
            opt('energy_star_only', t('Energy Star only', 'Energy Star uniquement', 'Alleen Energy Star'), 'amber'),
            opt('none', t('None', 'Aucun', 'Geen'), 'amber'),
          ],
        },
      ],
    },
  ],
};
