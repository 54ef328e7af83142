import type { Language } from '@ddp/core';

export type AssessmentMailKind = 'issued' | 'submitted' | 'clarification_requested' | 'accepted' | 'withdrawn' | 'shared';

export interface AssessmentMailInput {
  contractReference: string;
  templateTitle: string;
  counterpart: string;
  dueDate: string;
  link: string;
}

type Texts = Record<AssessmentMailKind, { subject: (i: AssessmentMailInput) => string; body: (i: AssessmentMailInput) => string }>;

const TEXTS: Record<Language, Texts> = {
  en: {
    issued: { subject: (i) => `New questionnaire for contract ${i.contractReference}`, body: (i) => `${i.counterpart} asks you to complete "${i.templateTitle}" for contract ${i.contractReference} by ${i.dueDate}.` },
    submitted: { subject: (i) => `Questionnaire submitted for contract ${i.contractReference}`, body: (i) => `${i.counterpart} submitted "${i.templateTitle}" for contract ${i.contractReference}. It is ready for your review.` },
    clarification_requested: { subject: (i) => `Clarification requested for contract ${i.contractReference}`, body: (i) => `${i.counterpart} asks for clarification on "${i.templateTitle}" for contract ${i.contractReference}. Their comments are beside the questions.` },
    accepted: { subject: (i) => `Questionnaire accepted for contract ${i.contractReference}`, body: (i) => `${i.counterpart} accepted your answers to "${i.templateTitle}" for contract ${i.contractReference}.` },
    withdrawn: { subject: (i) => `Questionnaire withdrawn for contract ${i.contractReference}`, body: (i) => `${i.counterpart} withdrew "${i.templateTitle}" for contract ${i.contractReference}. Nothing more is expected from you for it.` },
    shared: { subject: (i) => `A supplier shared an assessment with you`, body: (i) => `${i.counterpart} shared its accepted answers to "${i.templateTitle}" with you. You may read them and accept them for your own contract.` },
  },
  fr: {
    issued: { subject: (i) => `Nouveau questionnaire pour le marché ${i.contractReference}`, body: (i) => `${i.counterpart} vous demande de compléter « ${i.templateTitle} » pour le marché ${i.contractReference} au plus tard le ${i.dueDate}.` },
    submitted: { subject: (i) => `Questionnaire soumis pour le marché ${i.contractReference}`, body: (i) => `${i.counterpart} a soumis « ${i.templateTitle} » pour le marché ${i.contractReference}. Il attend votre examen.` },
    clarification_requested: { subject: (i) => `Précisions demandées pour le marché ${i.contractReference}`, body: (i) => `${i.counterpart} demande des précisions sur « ${i.templateTitle} » pour le marché ${i.contractReference}. Ses commentaires figurent à côté des questions.` },
    accepted: { subject: (i) => `Questionnaire accepté pour le marché ${i.contractReference}`, body: (i) => `${i.counterpart} a accepté vos réponses à « ${i.templateTitle} » pour le marché ${i.contractReference}.` },
    withdrawn: { subject: (i) => `Questionnaire retiré pour le marché ${i.contractReference}`, body: (i) => `${i.counterpart} a retiré « ${i.templateTitle} » pour le marché ${i.contractReference}. Plus rien n'est attendu de vous à ce sujet.` },
    shared: { subject: () => `Un fournisseur a partagé une évaluation avec vous`, body: (i) => `${i.counterpart} a partagé avec vous ses réponses acceptées à « ${i.templateTitle} ». Vous pouvez les lire et les accepter pour votre propre marché.` },
  },
  nl: {
    issued: { subject: (i) => `Nieuwe vragenlijst voor opdracht ${i.contractReference}`, body: (i) => `${i.counterpart} vraagt u "${i.templateTitle}" voor opdracht ${i.contractReference} in te vullen tegen ${i.dueDate}.` },
    submitted: { subject: (i) => `Vragenlijst ingediend voor opdracht ${i.contractReference}`, body: (i) => `${i.counterpart} heeft "${i.templateTitle}" voor opdracht ${i.contractReference} ingediend. Ze wacht op uw beoordeling.` },
    clarification_requested: { subject: (i) => `Verduidelijking gevraagd voor opdracht ${i.contractReference}`, body: (i) => `${i.counterpart} vraagt verduidelijking bij "${i.templateTitle}" voor opdracht ${i.contractReference}. De opmerkingen staan bij de vragen.` },
    accepted: { subject: (i) => `Vragenlijst aanvaard voor opdracht ${i.contractReference}`, body: (i) => `${i.counterpart} heeft uw antwoorden op "${i.templateTitle}" voor opdracht ${i.contractReference} aanvaard.` },
    withdrawn: { subject: (i) => `Vragenlijst ingetrokken voor opdracht ${i.contractReference}`, body: (i) => `${i.counterpart} heeft "${i.templateTitle}" voor opdracht ${i.contractReference} ingetrokken. Er wordt daarvoor niets meer van u verwacht.` },
    shared: { subject: () => `Een leverancier deelde een beoordeling met u`, body: (i) => `${i.counterpart} deelde zijn aanvaarde antwoorden op "${i.templateTitle}" met u. U kunt ze lezen en voor uw eigen opdracht aanvaarden.` },
  },
  de: {
    issued: { subject: (i) => `Neuer Fragebogen für Auftrag ${i.contractReference}`, body: (i) => `${i.counterpart} bittet Sie, "${i.templateTitle}" für Auftrag ${i.contractReference} bis ${i.dueDate} auszufüllen.` },
    submitted: { subject: (i) => `Fragebogen eingereicht für Auftrag ${i.contractReference}`, body: (i) => `${i.counterpart} hat "${i.templateTitle}" für Auftrag ${i.contractReference} eingereicht. Er wartet auf Ihre Prüfung.` },
    clarification_requested: { subject: (i) => `Klärung erbeten für Auftrag ${i.contractReference}`, body: (i) => `${i.counterpart} bittet um Klärung zu "${i.templateTitle}" für Auftrag ${i.contractReference}. Die Kommentare stehen bei den Fragen.` },
    accepted: { subject: (i) => `Fragebogen angenommen für Auftrag ${i.contractReference}`, body: (i) => `${i.counterpart} hat Ihre Antworten zu "${i.templateTitle}" für Auftrag ${i.contractReference} angenommen.` },
    withdrawn: { subject: (i) => `Fragebogen zurückgezogen für Auftrag ${i.contractReference}`, body: (i) => `${i.counterpart} hat "${i.templateTitle}" für Auftrag ${i.contractReference} zurückgezogen. Dafür wird nichts mehr von Ihnen erwartet.` },
    shared: { subject: () => `Ein Lieferant hat eine Bewertung mit Ihnen geteilt`, body: (i) => `${i.counterpart} hat seine angenommenen Antworten zu "${i.templateTitle}" mit Ihnen geteilt. Sie können sie lesen und für Ihren eigenen Auftrag annehmen.` },
  },
};

const OPEN: Record<Language, string> = { en: 'Open it in the portal:', fr: 'Ouvrez-le dans le portail :', nl: 'Open het in het portaal:', de: 'Öffnen Sie es im Portal:' };

export function assessmentMail(kind: AssessmentMailKind, language: Language, input: AssessmentMailInput): { subject: string; text: string } {
  const texts = TEXTS[language][kind];
  return { subject: texts.subject(input), text: `${texts.body(input)}\n\n${OPEN[language]}\n${input.link}\n` };
}
