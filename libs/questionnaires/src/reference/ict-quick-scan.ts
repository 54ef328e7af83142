import type { TemplateDefinition } from '../definition/template-definition';
import { opt, PRODUCTION_COUNTRIES, t, yesNo } from './builders';

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
          theme: 'management_system',
          type: 'single_choice',
          text: t(
            'Can workers at tier-1 production sites raise complaints anonymously through a grievance mechanism that is independent of local management?',
            'Les travailleurs des sites de production de rang 1 peuvent-ils déposer une plainte de manière anonyme via un mécanisme de plainte indépendant de la direction locale ?',
            'Kunnen werknemers op tier 1-productielocaties anoniem klachten indienen via een klachtenmechanisme dat onafhankelijk is van het lokale management?',
          ),
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
        {
          code: 'QS-SD-01',
          theme: 'site_disclosure',
          type: 'yes_no',
          text: t(
            'Will you disclose to the contracting authority the names and addresses of the final assembly sites of the contracted products?',
            "Communiquerez-vous au pouvoir adjudicateur le nom et l'adresse des sites d'assemblage final des produits faisant l'objet du marché ?",
            'Maakt u de namen en adressen van de eindassemblagelocaties van de producten van de opdracht bekend aan de aanbestedende overheid?',
          ),
          guidance: t(
            'Disclosure may be covered by the confidentiality clause of the contract. Attach the list of sites if you answer yes.',
            'Cette communication peut être couverte par la clause de confidentialité du marché. Joignez la liste des sites si vous répondez oui.',
            'Deze bekendmaking kan onder de vertrouwelijkheidsclausule van de opdracht vallen. Voeg de lijst van locaties toe als u ja antwoordt.',
          ),
          required: true,
          evidence: { required: 'when', anyOf: ['yes'] },
          options: yesNo('green', 'red'),
        },
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
        {
          code: 'QS-SD-03',
          theme: 'site_disclosure',
          type: 'country_list',
          text: t(
            'In which countries are the contracted products finally assembled?',
            "Dans quels pays a lieu l'assemblage final des produits faisant l'objet du marché ?",
            'In welke landen worden de producten van de opdracht eindgeassembleerd?',
          ),
          guidance: t(
            'Red: countries where state-imposed forced labour is documented by the ILO supervisory bodies or the United Nations (North Korea, Turkmenistan, Eritrea). Amber: countries under ILO Article 33 measures (Myanmar, Belarus). Any other country: green. The list flags country contexts, not your sites; regional risks are asked separately.',
            "Rouge : pays où le travail forcé imposé par l'État est documenté par les organes de contrôle de l'OIT ou les Nations unies (Corée du Nord, Turkménistan, Érythrée). Orange : pays faisant l'objet de mesures au titre de l'article 33 de la Constitution de l'OIT (Myanmar, Bélarus). Tout autre pays : vert. La liste signale des contextes nationaux, pas vos sites ; les risques régionaux font l'objet d'autres questions.",
            'Rood: landen waar door de staat opgelegde dwangarbeid is gedocumenteerd door de toezichtsorganen van de IAO of de Verenigde Naties (Noord-Korea, Turkmenistan, Eritrea). Oranje: landen waartegen maatregelen gelden op grond van artikel 33 van de IAO-statuten (Myanmar, Belarus). Elk ander land: groen. De lijst signaleert landencontexten, niet uw locaties; regionale risico\'s worden apart bevraagd.',
          ),
          required: true,
          countries: PRODUCTION_COUNTRIES,
        },
      ],
    },
    {
      code: 'LR',
      title: t('Labour rights at production sites', 'Droits du travail sur les sites de production', 'Arbeidsrechten op productielocaties'),
      description: TIER1,
      questions: [
        {
          code: 'QS-FL-01',
          theme: 'forced_labour',
          type: 'yes_no',
          text: t(
            "Do any of your tier-1 production sites retain workers' passports or identity documents, even with the worker's consent?",
            'Un ou plusieurs de vos sites de production de rang 1 conservent-ils les passeports ou documents d\'identité des travailleurs, même avec leur consentement ?',
            'Houden een of meer van uw tier 1-productielocaties paspoorten of identiteitsdocumenten van werknemers bij, zelfs met hun toestemming?',
          ),
          guidance: t(
            'Retaining identity documents is an ILO indicator of forced labour (C29, P29). Workers must keep their documents; a site may only offer a personal locker that the worker alone can open at any time.',
            "La rétention des documents d'identité est un indicateur de travail forcé selon l'OIT (C29, P29). Les travailleurs doivent garder leurs documents ; un site peut seulement proposer un casier personnel que le travailleur est seul à pouvoir ouvrir à tout moment.",
            'Het inhouden van identiteitsdocumenten is een IAO-indicator van dwangarbeid (C29, P29). Werknemers moeten hun documenten zelf houden; een locatie mag enkel een persoonlijk kluisje aanbieden dat alleen de werknemer op elk moment kan openen.',
          ),
          required: true,
          options: yesNo('red', 'green', 'yes'),
        },
        {
          code: 'QS-FL-02',
          theme: 'forced_labour',
          type: 'yes_no',
          text: t(
            'Do workers at tier-1 sites, including workers hired through agencies, pay any recruitment fees or related costs to get or keep their job?',
            "Les travailleurs des sites de rang 1, y compris ceux recrutés par des agences, paient-ils des frais de recrutement ou des coûts connexes pour obtenir ou conserver leur emploi ?",
            'Betalen werknemers op tier 1-locaties, ook wie via uitzend- of wervingsbureaus is aangeworven, wervingskosten of daarmee verbonden kosten om hun job te krijgen of te behouden?',
          ),
          guidance: t(
            'Recruitment fees and related costs as defined by the ILO: agency fees, travel, visas, medical checks, training, deposits. Under the Employer Pays Principle the employer bears all of them. Fees paid by workers create debt bondage.',
            "Frais de recrutement et coûts connexes au sens de l'OIT : frais d'agence, voyage, visa, examens médicaux, formation, cautions. Selon le principe « l'employeur paie », tous sont à la charge de l'employeur. Les frais payés par les travailleurs créent une servitude pour dettes.",
            'Wervingskosten en verbonden kosten zoals de IAO ze definieert: bureaukosten, reis, visum, medische keuring, opleiding, waarborgen. Volgens het Employer Pays-principe draagt de werkgever ze allemaal. Kosten die werknemers betalen leiden tot schuldslavernij.',
          ),
          required: true,
          options: yesNo('red', 'green', 'yes'),
        },
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
          theme: 'child_labour',
          type: 'yes_no',
          text: t(
            'Do all tier-1 sites verify the age of every worker at hiring against an original identity document, and keep a copy on file?',
            "Tous les sites de rang 1 vérifient-ils l'âge de chaque travailleur à l'embauche sur la base d'un document d'identité original, et en conservent-ils une copie ?",
            'Controleren alle tier 1-locaties bij aanwerving de leeftijd van elke werknemer aan de hand van een origineel identiteitsdocument, en bewaren ze daarvan een kopie?',
          ),
          required: true,
          options: yesNo('green', 'red'),
        },
        {
          code: 'QS-CL-02',
          theme: 'child_labour',
          type: 'yes_no',
          text: t(
            'In the last 24 months, was any worker found at a tier-1 site who was younger than 15 or than the higher legal minimum working age?',
            "Au cours des 24 derniers mois, a-t-on trouvé sur un site de rang 1 un travailleur âgé de moins de 15 ans ou de moins que l'âge minimum légal d'admission à l'emploi, s'il est plus élevé ?",
            'Werd in de afgelopen 24 maanden op een tier 1-locatie een werknemer aangetroffen die jonger was dan 15 jaar of dan de hogere wettelijke minimumleeftijd om te werken?',
          ),
          guidance: t(
            'ILO C138 sets the minimum age at 15 (14 in some developing countries under the convention\'s transitional rule). Answer yes even if the case was remediated, and describe the remediation in a comment.',
            "La convention C138 de l'OIT fixe l'âge minimum à 15 ans (14 ans dans certains pays en développement selon la disposition transitoire de la convention). Répondez oui même si le cas a été réglé, et décrivez la réparation en commentaire.",
            'IAO-verdrag C138 legt de minimumleeftijd vast op 15 jaar (14 jaar in sommige ontwikkelingslanden volgens de overgangsregeling van het verdrag). Antwoord ja, ook als het geval is hersteld, en beschrijf het herstel in een opmerking.',
          ),
          required: true,
          options: yesNo('red', 'green', 'yes'),
        },
        {
          code: 'QS-FOA-01',
          theme: 'freedom_of_association',
          type: 'single_choice',
          text: t(
            'How are workers represented at the final assembly sites of the contracted products?',
            "Comment les travailleurs sont-ils représentés sur les sites d'assemblage final des produits faisant l'objet du marché ?",
            'Hoe zijn de werknemers vertegenwoordigd op de eindassemblagelocaties van de producten van de opdracht?',
          ),
          guidance: t(
            'ILO C87 and C98: workers may form and join unions of their choosing and bargain collectively. Where the law restricts this, freely elected worker representatives are the expected alternative. Representatives chosen by management do not count.',
            "Conventions C87 et C98 de l'OIT : les travailleurs peuvent constituer les syndicats de leur choix, s'y affilier et négocier collectivement. Là où la loi restreint ce droit, on attend des représentants des travailleurs librement élus. Des représentants choisis par la direction ne comptent pas.",
            'IAO-verdragen C87 en C98: werknemers mogen vakbonden van hun keuze oprichten en er lid van worden, en collectief onderhandelen. Waar de wet dat beperkt, worden vrij verkozen werknemersvertegenwoordigers verwacht. Door het management aangeduide vertegenwoordigers tellen niet.',
          ),
          required: true,
          options: [
            opt('independent_union', t('An independent trade union', 'Un syndicat indépendant', 'Een onafhankelijke vakbond'), 'green'),
            opt('elected_committee', t('A workers\' committee freely elected by secret ballot', 'Un comité de travailleurs librement élu au scrutin secret', 'Een werknemerscomité dat vrij en bij geheime stemming is verkozen'), 'amber'),
            opt('none_or_appointed', t('No representation, or representatives appointed by management', 'Aucune représentation, ou des représentants désignés par la direction', 'Geen vertegenwoordiging, of door het management aangeduide vertegenwoordigers'), 'red'),
          ],
        },
        {
          code: 'QS-ND-01',
          theme: 'non_discrimination',
          type: 'yes_no',
          text: t(
            'Do tier-1 sites require pregnancy tests or medical tests unrelated to the job (for example HIV or hepatitis B) at hiring or during employment?',
            "Les sites de rang 1 exigent-ils des tests de grossesse ou des examens médicaux sans rapport avec le poste (par exemple VIH ou hépatite B) à l'embauche ou en cours d'emploi ?",
            'Eisen tier 1-locaties bij aanwerving of tijdens de tewerkstelling zwangerschapstests of medische tests die niets met de job te maken hebben (bijvoorbeeld hiv of hepatitis B)?',
          ),
          guidance: t(
            'Such tests are discrimination under ILO C111 and must not be used in hiring, dismissal or assignment decisions.',
            "Ces tests constituent une discrimination au sens de la convention C111 de l'OIT et ne peuvent pas servir à des décisions d'embauche, de licenciement ou d'affectation.",
            'Zulke tests zijn discriminatie in de zin van IAO-verdrag C111 en mogen niet gebruikt worden bij beslissingen over aanwerving, ontslag of toewijzing van werk.',
          ),
          required: true,
          options: yesNo('red', 'green'),
        },
        {
          code: 'QS-WH-01',
          theme: 'working_hours_wages',
          type: 'number',
          text: t(
            'What was the highest number of hours (regular plus overtime) worked in a single week by a worker at a final assembly site in the last 12 months?',
            "Quel est le nombre d'heures le plus élevé (heures normales et heures supplémentaires) presté en une seule semaine par un travailleur d'un site d'assemblage final au cours des 12 derniers mois ?",
            'Wat was het hoogste aantal uren (normale uren plus overuren) dat een werknemer op een eindassemblagelocatie in de afgelopen 12 maanden in één week heeft gewerkt?',
          ),
          guidance: t(
            'Take the figure from time records, not from the planned schedule. Green: up to 48 hours; amber: 49 to 60 hours; red: more than 60 hours.',
            "Reprenez le chiffre des relevés de pointage, pas de l'horaire prévu. Vert : jusqu'à 48 heures ; orange : de 49 à 60 heures ; rouge : plus de 60 heures.",
            'Neem het cijfer uit de tijdsregistratie, niet uit het geplande uurrooster. Groen: tot 48 uur; oranje: 49 tot 60 uur; rood: meer dan 60 uur.',
          ),
          required: true,
          unit: 'h',
          min: 0,
          max: 168,
          integer: true,
          ranges: [
            { max: 49, colour: 'green' },
            { min: 49, max: 61, colour: 'amber' },
            { min: 61, colour: 'red' },
          ],
        },
        {
          code: 'QS-WH-02',
          theme: 'working_hours_wages',
          type: 'single_choice',
          text: t(
            'How do the lowest wages for a standard working week at the final assembly sites compare with a living wage for the region?',
            "Comment les salaires les plus bas pour une semaine de travail normale sur les sites d'assemblage final se comparent-ils à un salaire vital pour la région ?",
            'Hoe verhouden de laagste lonen voor een normale werkweek op de eindassemblagelocaties zich tot een leefbaar loon voor de regio?',
          ),
          guidance: t(
            'A living wage covers a decent standard of living for a worker and their family (food, housing, education, health care and some savings), earned in standard hours without overtime. Use a recognised benchmark such as the Anker methodology or the Global Living Wage Coalition.',
            "Un salaire vital permet un niveau de vie décent au travailleur et à sa famille (alimentation, logement, éducation, soins de santé et une petite épargne), gagné en heures normales, sans heures supplémentaires. Utilisez une référence reconnue comme la méthode Anker ou la Global Living Wage Coalition.",
            'Een leefbaar loon dekt een behoorlijke levensstandaard voor een werknemer en het gezin (voeding, huisvesting, onderwijs, gezondheidszorg en wat spaargeld), verdiend in normale uren zonder overuren. Gebruik een erkende referentie zoals de Anker-methode of de Global Living Wage Coalition.',
          ),
          required: true,
          options: [
            opt('at_or_above_living_wage', t('At or above a living wage', 'Égaux ou supérieurs à un salaire vital', 'Gelijk aan of hoger dan een leefbaar loon'), 'green'),
            opt('above_minimum_below_living', t('At least the legal minimum wage, but below a living wage or not assessed', 'Au moins le salaire minimum légal, mais inférieurs à un salaire vital ou non évalués', 'Minstens het wettelijk minimumloon, maar lager dan een leefbaar loon of niet beoordeeld'), 'amber'),
            opt('below_legal_minimum', t('Below the legal minimum wage', 'Inférieurs au salaire minimum légal', 'Lager dan het wettelijk minimumloon'), 'red'),
          ],
        },
        {
          code: 'QS-WH-03',
          theme: 'working_hours_wages',
          type: 'yes_no',
          text: t(
            'Do tier-1 sites employ migrant workers (from another country, or from another province under a separate residence status)?',
            "Les sites de rang 1 emploient-ils des travailleurs migrants (venant d'un autre pays, ou d'une autre province sous un statut de résidence distinct) ?",
            'Stellen tier 1-locaties arbeidsmigranten te werk (uit een ander land, of uit een andere provincie met een apart verblijfsstatuut)?',
          ),
          guidance: t(
            'This answer has no colour; it decides whether the next question is asked.',
            "Cette réponse n'a pas de couleur ; elle détermine si la question suivante est posée.",
            'Dit antwoord heeft geen kleur; het bepaalt of de volgende vraag gesteld wordt.',
          ),
          required: true,
          options: yesNo(),
        },
        {
          code: 'QS-WH-04',
          theme: 'working_hours_wages',
          type: 'yes_no',
          text: t(
            'Do migrant workers receive a written contract in a language they understand before they leave home, with the same terms applying on arrival?',
            "Les travailleurs migrants reçoivent-ils, avant leur départ, un contrat écrit dans une langue qu'ils comprennent, dont les conditions restent les mêmes à leur arrivée ?",
            'Krijgen arbeidsmigranten vóór hun vertrek een schriftelijk contract in een taal die ze begrijpen, met dezelfde voorwaarden bij aankomst?',
          ),
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
        {
          code: 'QS-HS-01',
          theme: 'health_safety',
          type: 'single_choice',
          text: t(
            'Do the final assembly sites have an occupational health and safety management system certified to ISO 45001 or an equivalent standard?',
            "Les sites d'assemblage final disposent-ils d'un système de management de la santé et de la sécurité au travail certifié ISO 45001 ou selon une norme équivalente ?",
            'Hebben de eindassemblagelocaties een managementsysteem voor gezondheid en veiligheid op het werk dat gecertificeerd is volgens ISO 45001 of een gelijkwaardige norm?',
          ),
          guidance: t(
            'ILO C155 and C187 expect a systematic approach: risk assessment, prevention, training, worker participation. Upload the certificates if you answer all or some.',
            "Les conventions C155 et C187 de l'OIT attendent une approche systématique : évaluation des risques, prévention, formation, participation des travailleurs. Joignez les certificats si vous répondez tous ou certains.",
            'IAO-verdragen C155 en C187 verwachten een systematische aanpak: risicobeoordeling, preventie, opleiding, inspraak van werknemers. Voeg de certificaten toe als u alle of sommige antwoordt.',
          ),
          required: true,
          evidence: { required: 'when', anyOf: ['all', 'some'] },
          options: [
            opt('all', t('Yes, all of them', 'Oui, tous', 'Ja, alle'), 'green'),
            opt('some', t('Some of them', 'Certains', 'Sommige'), 'amber'),
            opt('none', t('None', 'Aucun', 'Geen'), 'red'),
          ],
        },
        {
          code: 'QS-HS-02',
          theme: 'health_safety',
          type: 'yes_no',
          text: t(
            'Do workers who handle hazardous substances (for example solvents, cleaning agents, solder fumes) receive training, suitable protective equipment and health checks, free of charge?',
            'Les travailleurs qui manipulent des substances dangereuses (par exemple solvants, produits de nettoyage, fumées de soudure) reçoivent-ils gratuitement une formation, des équipements de protection adaptés et un suivi médical ?',
            'Krijgen werknemers die met gevaarlijke stoffen werken (bijvoorbeeld oplosmiddelen, reinigingsmiddelen, soldeerdampen) kosteloos opleiding, geschikte beschermingsmiddelen en medisch toezicht?',
          ),
          guidance: t(
            'Answer not applicable only if no hazardous substances are used at the final assembly sites.',
            "Répondez « non applicable » uniquement si aucune substance dangereuse n'est utilisée sur les sites d'assemblage final.",
            'Antwoord enkel "niet van toepassing" als er op de eindassemblagelocaties geen gevaarlijke stoffen worden gebruikt.',
          ),
          required: true,
          notApplicableAllowed: true,
          options: yesNo('green', 'red'),
        },
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
        {
          code: 'QS-MN-02',
          theme: 'minerals',
          type: 'number',
          text: t(
            'What percentage of the 3TG smelters and refiners identified in your supply chain are conformant with the RMI Responsible Minerals Assurance Process (RMAP) or an equivalent programme?',
            "Quel pourcentage des fonderies et affineurs 3TG identifiés dans votre chaîne d'approvisionnement est conforme au Responsible Minerals Assurance Process (RMAP) du RMI ou à un programme équivalent ?",
            'Welk percentage van de 3TG-smelterijen en -raffinaderijen die in uw toeleveringsketen zijn geïdentificeerd, is conform het Responsible Minerals Assurance Process (RMAP) van het RMI of een gelijkwaardig programma?',
          ),
          guidance: t(
            'Equivalent programmes include LBMA and RJC for gold. Green: 90 % or more; amber: 60 % to less than 90 %; red: less than 60 %.',
            "Parmi les programmes équivalents figurent LBMA et RJC pour l'or. Vert : 90 % ou plus ; orange : de 60 % à moins de 90 % ; rouge : moins de 60 %.",
            'Gelijkwaardige programma\'s zijn onder meer LBMA en RJC voor goud. Groen: 90 % of meer; oranje: 60 % tot minder dan 90 %; rood: minder dan 60 %.',
          ),
          required: true,
          unit: '%',
          min: 0,
          max: 100,
          ranges: [
            { min: 90, colour: 'green' },
            { min: 60, max: 90, colour: 'amber' },
            { max: 60, colour: 'red' },
          ],
        },
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
