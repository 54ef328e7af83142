import type { QuestionDefinition } from '../definition/template-definition';
import { opt, PRODUCTION_COUNTRIES, t, yesNo } from './builders';

/**
 * Questions that both reference templates ask (ICT_QUICK_SCAN and FULL_ASSESSMENT), written once.
 * A template gives each its own code and spreads the body after it: `{ code: 'QS-ND-01', ...PREGNANCY_TESTS }`.
 *
 * A body holds the quick scan's guidance; where the full assessment words its guidance otherwise
 * (it often says more), it overrides `guidance` after the spread. An overridden field keeps its place
 * and the full assessment's weight comes last, so each template serialises exactly as before: keep it
 * so, the platform seeds the reference templates by content hash and any change publishes a new version.
 */

/** A whole question but its code. */
type QuestionBody = Omit<QuestionDefinition, 'code'>;

export const ASSEMBLY_SITES_DISCLOSED: QuestionBody = {
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
};

export const ASSEMBLY_COUNTRIES: QuestionBody = {
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
};

export const IDENTITY_DOCUMENTS_RETAINED: QuestionBody = {
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
};

export const RECRUITMENT_FEES: QuestionBody = {
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
};

export const UNDERAGE_WORKERS_FOUND: QuestionBody = {
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
};

export const WORKER_REPRESENTATION: QuestionBody = {
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
};

export const PREGNANCY_TESTS: QuestionBody = {
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
};

export const LONGEST_WORKING_WEEK: QuestionBody = {
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
};

export const LIVING_WAGE: QuestionBody = {
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
};

export const MIGRANT_WORKERS: QuestionBody = {
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
};

export const SAFETY_MANAGEMENT_CERTIFIED: QuestionBody = {
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
};

export const HAZARDOUS_SUBSTANCE_PROTECTION: QuestionBody = {
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
};

export const CONFORMANT_SMELTERS: QuestionBody = {
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
};

/**
 * Questions whose templates differ in the middle of the body (guidance, evidence): only the leading
 * fields are shared, and each template writes the rest after the spread.
 */
type QuestionHead = Pick<QuestionDefinition, 'theme' | 'type' | 'text'>;

export const ANONYMOUS_GRIEVANCE_MECHANISM: QuestionHead = {
  theme: 'management_system',
  type: 'single_choice',
  text: t(
    'Can workers at tier-1 production sites raise complaints anonymously through a grievance mechanism that is independent of local management?',
    'Les travailleurs des sites de production de rang 1 peuvent-ils déposer une plainte de manière anonyme via un mécanisme de plainte indépendant de la direction locale ?',
    'Kunnen werknemers op tier 1-productielocaties anoniem klachten indienen via een klachtenmechanisme dat onafhankelijk is van het lokale management?',
  ),
};

export const AGE_VERIFICATION: QuestionHead = {
  theme: 'child_labour',
  type: 'yes_no',
  text: t(
    'Do all tier-1 sites verify the age of every worker at hiring against an original identity document, and keep a copy on file?',
    "Tous les sites de rang 1 vérifient-ils l'âge de chaque travailleur à l'embauche sur la base d'un document d'identité original, et en conservent-ils une copie ?",
    'Controleren alle tier 1-locaties bij aanwerving de leeftijd van elke werknemer aan de hand van een origineel identiteitsdocument, en bewaren ze daarvan een kopie?',
  ),
};

export const MIGRANT_CONTRACTS: QuestionHead = {
  theme: 'working_hours_wages',
  type: 'yes_no',
  text: t(
    'Do migrant workers receive a written contract in a language they understand before they leave home, with the same terms applying on arrival?',
    "Les travailleurs migrants reçoivent-ils, avant leur départ, un contrat écrit dans une langue qu'ils comprennent, dont les conditions restent les mêmes à leur arrivée ?",
    'Krijgen arbeidsmigranten vóór hun vertrek een schriftelijk contract in een taal die ze begrijpen, met dezelfde voorwaarden bij aankomst?',
  ),
};
