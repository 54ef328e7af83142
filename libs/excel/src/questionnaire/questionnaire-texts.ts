import type { AnswerType, RatedColour, TemplateLanguage } from '@ddp/questionnaires';

/** Every text of the offline questionnaire workbook, in the template languages. */
export interface QuestionnaireTexts {
  headers: {
    code: string;
    section: string;
    text: string;
    type: string;
    answer: string;
    comment: string;
    colour: string;
    allowed: string;
    guidance: string;
    required: string;
    condition: string;
    evidence: string;
  };
  types: Record<AnswerType, string>;
  colours: Record<RatedColour, string>;
  legend: Record<RatedColour, string>;
  notApplicable: string;
  yes: string;
  no: string;
  uploadInPortal: string;
  askedWhen: (code: string, values: string) => string;
  between: (min?: number, max?: number) => string;
  wholeNumber: string;
  title: string;
  info: { contract: string; buyer: string; supplier: string; questionnaire: string; version: string; revision: string; dueDate: string; language: string };
  howTo: string;
  steps: string[];
  legendTitle: string;
  validationTitle: string;
  validationMessage: string;
}

const EN: QuestionnaireTexts = {
  headers: {
    code: 'Code',
    section: 'Section',
    text: 'Question',
    type: 'Answer type',
    answer: 'Answer',
    comment: 'Comment',
    colour: 'Colour',
    allowed: 'Allowed values',
    guidance: 'Guidance',
    required: 'Required',
    condition: 'Asked when',
    evidence: 'Evidence in the portal',
  },
  types: {
    yes_no: 'Yes / No',
    single_choice: 'One choice',
    multiple_choice: 'Several choices (separate them with ;)',
    number: 'Number',
    text: 'Text',
    date: 'Date (YYYY-MM-DD)',
    file: 'File: upload it in the portal',
    country_list: 'Countries: ISO codes separated by ; (e.g. FR; BE)',
  },
  colours: { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Not rated' },
  legend: {
    green: 'Meets the requirement',
    amber: 'Needs attention: the buyer may ask for an action plan',
    red: 'A serious risk (a red flag makes the whole questionnaire red)',
    grey: 'No answer yet, not applicable, or an answer that carries no colour',
  },
  notApplicable: 'Not applicable',
  yes: 'Yes',
  no: 'No',
  uploadInPortal: 'Upload the file on the assessment page in the portal; leave this answer empty',
  askedWhen: (code, values) => `${code} = ${values}`,
  between: (min, max) => (min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `at least ${min}` : max !== undefined ? `at most ${max}` : 'any number'),
  wholeNumber: 'whole number',
  title: 'Questionnaire',
  info: { contract: 'Contract', buyer: 'Buyer', supplier: 'Supplier', questionnaire: 'Questionnaire', version: 'Version', revision: 'Revision', dueDate: 'Due date', language: 'Language' },
  howTo: 'How to fill in this workbook',
  steps: [
    'Answer in the "Questions" sheet: column E (Answer), and column F (Comment) where useful. Do not change column A (Code), the column order or the sheet names.',
    'For a choice, pick a value from the drop-down list. For several choices, type the values separated by ";".',
    'Numbers as numbers; dates as Excel dates or as text YYYY-MM-DD; countries as ISO codes separated by ";" (FR; BE).',
    'Where a question allows it, write "Not applicable" (it is in the drop-down list).',
    'A file question is answered by uploading the file in the portal: leave its answer empty here.',
    'Emptying an answer clears it. Rows you leave unchanged keep what the portal holds, even if it changed online since you downloaded this workbook.',
    'A formula is read as its last computed value (the value Excel or LibreOffice saved with the file); a formula without a saved value is refused.',
    'Upload the file on the assessment page in the portal. If a cell is wrong, nothing is saved: the portal lists every problem with its cell (e.g. Questions!E14).',
    'This workbook is for this assessment and this revision only. Do not edit its hidden data: a checksum protects it.',
    'Column G shows the colour of each answer when you downloaded the workbook; the portal computes the colours again when you upload it.',
  ],
  legendTitle: 'Colours',
  validationTitle: 'Choose a value',
  validationMessage: 'Pick one of the values of the list.',
};

const FR: QuestionnaireTexts = {
  headers: {
    code: 'Code',
    section: 'Section',
    text: 'Question',
    type: 'Type de réponse',
    answer: 'Réponse',
    comment: 'Commentaire',
    colour: 'Couleur',
    allowed: 'Valeurs autorisées',
    guidance: 'Aide',
    required: 'Obligatoire',
    condition: 'Posée si',
    evidence: 'Preuves dans le portail',
  },
  types: {
    yes_no: 'Oui / Non',
    single_choice: 'Un choix',
    multiple_choice: 'Plusieurs choix (séparés par ;)',
    number: 'Nombre',
    text: 'Texte',
    date: 'Date (AAAA-MM-JJ)',
    file: 'Fichier : à déposer dans le portail',
    country_list: 'Pays : codes ISO séparés par ; (p. ex. FR; BE)',
  },
  colours: { green: 'Vert', amber: 'Orange', red: 'Rouge', grey: 'Non évalué' },
  legend: {
    green: 'Conforme à l’exigence',
    amber: 'À surveiller : l’acheteur peut demander un plan d’action',
    red: 'Un risque grave (un signal d’alerte rend tout le questionnaire rouge)',
    grey: 'Pas encore de réponse, sans objet, ou une réponse sans couleur',
  },
  notApplicable: 'Sans objet',
  yes: 'Oui',
  no: 'Non',
  uploadInPortal: 'Déposez le fichier sur la page de l’évaluation dans le portail ; laissez cette réponse vide',
  askedWhen: (code, values) => `${code} = ${values}`,
  between: (min, max) => (min !== undefined && max !== undefined ? `de ${min} à ${max}` : min !== undefined ? `au moins ${min}` : max !== undefined ? `au plus ${max}` : 'tout nombre'),
  wholeNumber: 'nombre entier',
  title: 'Questionnaire',
  info: { contract: 'Marché', buyer: 'Acheteur', supplier: 'Fournisseur', questionnaire: 'Questionnaire', version: 'Version', revision: 'Révision', dueDate: 'Échéance', language: 'Langue' },
  howTo: 'Comment remplir ce classeur',
  steps: [
    'Répondez dans la feuille « Questions » : colonne E (Réponse) et, si utile, colonne F (Commentaire). Ne modifiez pas la colonne A (Code), l’ordre des colonnes ni le nom des feuilles.',
    'Pour un choix, prenez une valeur dans la liste déroulante. Pour plusieurs choix, tapez les valeurs séparées par « ; ».',
    'Les nombres en chiffres ; les dates en dates Excel ou en texte AAAA-MM-JJ ; les pays en codes ISO séparés par « ; » (FR; BE).',
    'Quand la question le permet, écrivez « Sans objet » (la valeur figure dans la liste déroulante).',
    'Une question « fichier » se répond en déposant le fichier dans le portail : laissez sa réponse vide ici.',
    'Vider une réponse l’efface. Les lignes que vous ne modifiez pas gardent ce que contient le portail, même si cela a changé en ligne depuis le téléchargement.',
    'Une formule est lue comme sa dernière valeur calculée (celle enregistrée par Excel ou LibreOffice) ; une formule sans valeur enregistrée est refusée.',
    'Déposez le fichier sur la page de l’évaluation dans le portail. Si une cellule est erronée, rien n’est enregistré : le portail liste chaque problème avec sa cellule (p. ex. Questions!E14).',
    'Ce classeur ne vaut que pour cette évaluation et cette révision. Ne modifiez pas ses données cachées : une somme de contrôle les protège.',
    'La colonne G montre la couleur de chaque réponse au moment du téléchargement ; le portail recalcule les couleurs au dépôt.',
  ],
  legendTitle: 'Couleurs',
  validationTitle: 'Choisissez une valeur',
  validationMessage: 'Prenez une des valeurs de la liste.',
};

const NL: QuestionnaireTexts = {
  headers: {
    code: 'Code',
    section: 'Sectie',
    text: 'Vraag',
    type: 'Antwoordtype',
    answer: 'Antwoord',
    comment: 'Opmerking',
    colour: 'Kleur',
    allowed: 'Toegestane waarden',
    guidance: 'Toelichting',
    required: 'Verplicht',
    condition: 'Gesteld als',
    evidence: 'Bewijsstukken in het portaal',
  },
  types: {
    yes_no: 'Ja / Nee',
    single_choice: 'Eén keuze',
    multiple_choice: 'Meerdere keuzes (gescheiden door ;)',
    number: 'Getal',
    text: 'Tekst',
    date: 'Datum (JJJJ-MM-DD)',
    file: 'Bestand: upload het in het portaal',
    country_list: 'Landen: ISO-codes gescheiden door ; (bv. FR; BE)',
  },
  colours: { green: 'Groen', amber: 'Oranje', red: 'Rood', grey: 'Niet beoordeeld' },
  legend: {
    green: 'Voldoet aan de eis',
    amber: 'Aandachtspunt: de koper kan een actieplan vragen',
    red: 'Een ernstig risico (een rode vlag maakt de hele vragenlijst rood)',
    grey: 'Nog geen antwoord, niet van toepassing, of een antwoord zonder kleur',
  },
  notApplicable: 'Niet van toepassing',
  yes: 'Ja',
  no: 'Nee',
  uploadInPortal: 'Upload het bestand op de pagina van de beoordeling in het portaal; laat dit antwoord leeg',
  askedWhen: (code, values) => `${code} = ${values}`,
  between: (min, max) => (min !== undefined && max !== undefined ? `van ${min} tot ${max}` : min !== undefined ? `minstens ${min}` : max !== undefined ? `hoogstens ${max}` : 'elk getal'),
  wholeNumber: 'geheel getal',
  title: 'Vragenlijst',
  info: { contract: 'Opdracht', buyer: 'Koper', supplier: 'Leverancier', questionnaire: 'Vragenlijst', version: 'Versie', revision: 'Revisie', dueDate: 'Uiterste datum', language: 'Taal' },
  howTo: 'Hoe vult u deze werkmap in',
  steps: [
    'Antwoord in het blad "Questions": kolom E (Antwoord) en, waar nuttig, kolom F (Opmerking). Wijzig kolom A (Code), de volgorde van de kolommen en de namen van de bladen niet.',
    'Kies bij een keuzevraag een waarde uit de keuzelijst. Bij meerdere keuzes typt u de waarden gescheiden door ";".',
    'Getallen als getal; datums als Excel-datum of als tekst JJJJ-MM-DD; landen als ISO-codes gescheiden door ";" (FR; BE).',
    'Waar de vraag het toelaat, schrijft u "Niet van toepassing" (het staat in de keuzelijst).',
    'Een bestandsvraag beantwoordt u door het bestand in het portaal te uploaden: laat het antwoord hier leeg.',
    'Een antwoord leegmaken wist het. Rijen die u niet wijzigt, behouden wat het portaal bevat, ook als dat online veranderde sinds het downloaden.',
    'Van een formule wordt de laatst berekende waarde gelezen (die Excel of LibreOffice met het bestand bewaarde); een formule zonder bewaarde waarde wordt geweigerd.',
    'Upload het bestand op de pagina van de beoordeling in het portaal. Is een cel fout, dan wordt niets bewaard: het portaal toont elk probleem met zijn cel (bv. Questions!E14).',
    'Deze werkmap geldt alleen voor deze beoordeling en deze revisie. Wijzig de verborgen gegevens niet: een controlesom beschermt ze.',
    'Kolom G toont de kleur van elk antwoord bij het downloaden; het portaal berekent de kleuren opnieuw bij het uploaden.',
  ],
  legendTitle: 'Kleuren',
  validationTitle: 'Kies een waarde',
  validationMessage: 'Kies een van de waarden uit de lijst.',
};

export const QUESTIONNAIRE_TEXTS: Record<TemplateLanguage, QuestionnaireTexts> = { en: EN, fr: FR, nl: NL };

/** Every spelling of "not applicable" accepted in an answer cell, whatever the workbook's language. */
export const NOT_APPLICABLE_SPELLINGS = new Set([EN.notApplicable, FR.notApplicable, NL.notApplicable, 'n/a', 'n.v.t.'].map((s) => s.toLowerCase()));
