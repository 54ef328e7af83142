import type { Language } from '@ddp/core';

export type DefaultMailKind = 'notice' | 'response' | 'decision';

export interface DefaultMailInput {
  reference: string;
  contractReference: string;
  counterpart: string;
  failing: string;
  article: string;
  remedyDeadline: string;
  responseDeadline: string;
  /** The decision in words and the amount formatted for the reader, for `decision` mails. */
  outcome?: string;
  link: string;
}

type Texts = Record<DefaultMailKind, { subject: (i: DefaultMailInput) => string; body: (i: DefaultMailInput) => string }>;

/**
 * A notice of default states the failing, the clause it breaks, the deadline to remedy it and
 * the deadline to answer, and that silence counts as acknowledging the facts (RD 14 Jan 2013 art. 44 §2).
 */
const TEXTS: Record<Language, Texts> = {
  en: {
    notice: {
      subject: (i) => `Notice of default ${i.reference} – contract ${i.contractReference}`,
      body: (i) =>
        `${i.counterpart} gives you notice of default ${i.reference} under contract ${i.contractReference} (${i.article}).\n\nFailing: ${i.failing}\n\nRemedy it by ${i.remedyDeadline}. You may send your defence until ${i.responseDeadline} (23:59, contract time); without an answer by then, the facts are taken as acknowledged and penalties may be applied.`,
    },
    response: { subject: (i) => `Answer to notice of default ${i.reference}`, body: (i) => `${i.counterpart} answered notice of default ${i.reference} under contract ${i.contractReference}. You may now decide on it.` },
    decision: { subject: (i) => `Decision on notice of default ${i.reference}`, body: (i) => `${i.counterpart} decided on notice of default ${i.reference} under contract ${i.contractReference}: ${i.outcome}.` },
  },
  fr: {
    notice: {
      subject: (i) => `Procès-verbal de défaut ${i.reference} – marché ${i.contractReference}`,
      body: (i) =>
        `${i.counterpart} vous notifie le défaut d'exécution ${i.reference} dans le marché ${i.contractReference} (${i.article}).\n\nManquement : ${i.failing}\n\nVous devez y remédier au plus tard le ${i.remedyDeadline}. Vous pouvez faire valoir vos moyens de défense jusqu'au ${i.responseDeadline} (23 h 59, heure du marché) ; à défaut de réponse, les faits sont considérés comme reconnus et des pénalités peuvent être appliquées.`,
    },
    response: { subject: (i) => `Réponse au procès-verbal ${i.reference}`, body: (i) => `${i.counterpart} a répondu au procès-verbal de défaut ${i.reference} dans le marché ${i.contractReference}. Vous pouvez statuer.` },
    decision: { subject: (i) => `Décision sur le procès-verbal ${i.reference}`, body: (i) => `${i.counterpart} a statué sur le procès-verbal de défaut ${i.reference} dans le marché ${i.contractReference} : ${i.outcome}.` },
  },
  nl: {
    notice: {
      subject: (i) => `Proces-verbaal van ingebrekestelling ${i.reference} – opdracht ${i.contractReference}`,
      body: (i) =>
        `${i.counterpart} stelt u in gebreke met ${i.reference} voor opdracht ${i.contractReference} (${i.article}).\n\nTekortkoming: ${i.failing}\n\nVerhelp ze uiterlijk op ${i.remedyDeadline}. U kunt uw verweer indienen tot ${i.responseDeadline} (23.59 uur, tijd van de opdracht); zonder antwoord worden de feiten als erkend beschouwd en kunnen straffen worden toegepast.`,
    },
    response: { subject: (i) => `Antwoord op ingebrekestelling ${i.reference}`, body: (i) => `${i.counterpart} heeft geantwoord op ingebrekestelling ${i.reference} voor opdracht ${i.contractReference}. U kunt nu beslissen.` },
    decision: { subject: (i) => `Beslissing over ingebrekestelling ${i.reference}`, body: (i) => `${i.counterpart} heeft beslist over ingebrekestelling ${i.reference} voor opdracht ${i.contractReference}: ${i.outcome}.` },
  },
  de: {
    notice: {
      subject: (i) => `Inverzugsetzung ${i.reference} – Auftrag ${i.contractReference}`,
      body: (i) =>
        `${i.counterpart} setzt Sie mit ${i.reference} für Auftrag ${i.contractReference} in Verzug (${i.article}).\n\nVersäumnis: ${i.failing}\n\nBeheben Sie es bis ${i.remedyDeadline}. Sie können bis ${i.responseDeadline} (23:59 Uhr, Vertragszeit) Stellung nehmen; ohne Antwort gelten die Tatsachen als anerkannt und Vertragsstrafen können angewandt werden.`,
    },
    response: { subject: (i) => `Antwort auf Inverzugsetzung ${i.reference}`, body: (i) => `${i.counterpart} hat auf die Inverzugsetzung ${i.reference} für Auftrag ${i.contractReference} geantwortet. Sie können nun entscheiden.` },
    decision: { subject: (i) => `Entscheidung zur Inverzugsetzung ${i.reference}`, body: (i) => `${i.counterpart} hat über die Inverzugsetzung ${i.reference} für Auftrag ${i.contractReference} entschieden: ${i.outcome}.` },
  },
};

const OPEN: Record<Language, string> = { en: 'Open it in the portal:', fr: 'Ouvrez-le dans le portail :', nl: 'Open het in het portaal:', de: 'Öffnen Sie es im Portal:' };

const OUTCOME: Record<Language, Record<'applied' | 'reduced' | 'waived', (amount: string) => string>> = {
  en: { applied: (a) => `penalty applied, ${a}`, reduced: (a) => `penalty reduced to ${a}`, waived: () => 'penalty waived' },
  fr: { applied: (a) => `pénalité appliquée, ${a}`, reduced: (a) => `pénalité réduite à ${a}`, waived: () => 'pénalité levée' },
  nl: { applied: (a) => `straf toegepast, ${a}`, reduced: (a) => `straf verminderd tot ${a}`, waived: () => 'straf kwijtgescholden' },
  de: { applied: (a) => `Vertragsstrafe angewandt, ${a}`, reduced: (a) => `Vertragsstrafe herabgesetzt auf ${a}`, waived: () => 'Vertragsstrafe erlassen' },
};

const LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE' };

/** An amount in cents written for a reader of `language` (e.g. "1.234,56 €" in Dutch). */
export function formatMoney(cents: number, currency: string, language: Language): string {
  const units = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  // Intl formats a decimal string exactly (no float rounding for any amount we can hold).
  return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency }).format(`${cents < 0 && units === 0 ? '-' : ''}${units}.${String(rest).padStart(2, '0')}` as unknown as number);
}

export function decisionOutcome(language: Language, decision: 'applied' | 'reduced' | 'waived', cents: number, currency: string): string {
  return OUTCOME[language][decision](formatMoney(cents, currency, language));
}

export function defaultMail(kind: DefaultMailKind, language: Language, input: DefaultMailInput): { subject: string; text: string } {
  const texts = TEXTS[language][kind];
  return { subject: texts.subject(input), text: `${texts.body(input)}\n\n${OPEN[language]}\n${input.link}\n` };
}
