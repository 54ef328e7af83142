import type { Language } from '@ddp/core';
import type { ReminderStage } from '@ddp/contracts';

export type DeadlineSubject = 'assessment' | 'report' | 'action_plan' | 'action' | 'notice_response';

export interface ReminderInput {
  subject: DeadlineSubject;
  /** What the item is called: a period, a title, a notice reference. */
  label: string;
  deadline: string;
  daysLeft: number;
  contractReference: string;
  link: string;
}

const WHAT: Record<Language, Record<DeadlineSubject, (label: string) => string>> = {
  en: {
    assessment: (l) => `questionnaire "${l}"`,
    report: (l) => `periodic report ${l}`,
    action_plan: (l) => `corrective action plan for "${l}"`,
    action: (l) => `corrective action "${l}"`,
    notice_response: (l) => `answer to notice of default ${l}`,
  },
  fr: {
    assessment: (l) => `questionnaire « ${l} »`,
    report: (l) => `rapport périodique ${l}`,
    action_plan: (l) => `plan d'actions correctives pour « ${l} »`,
    action: (l) => `action corrective « ${l} »`,
    notice_response: (l) => `réponse au procès-verbal de défaut ${l}`,
  },
  nl: {
    assessment: (l) => `vragenlijst "${l}"`,
    report: (l) => `periodiek rapport ${l}`,
    action_plan: (l) => `plan van corrigerende maatregelen voor "${l}"`,
    action: (l) => `corrigerende maatregel "${l}"`,
    notice_response: (l) => `antwoord op ingebrekestelling ${l}`,
  },
  de: {
    assessment: (l) => `Fragebogen "${l}"`,
    report: (l) => `periodischer Bericht ${l}`,
    action_plan: (l) => `Korrekturmaßnahmenplan für "${l}"`,
    action: (l) => `Korrekturmaßnahme "${l}"`,
    notice_response: (l) => `Antwort auf Inverzugsetzung ${l}`,
  },
};

const TEXTS: Record<Language, { dueSubject: (i: ReminderInput, what: string) => string; dueBody: (i: ReminderInput, what: string) => string; missedSubject: (i: ReminderInput, what: string) => string; missedBody: (i: ReminderInput, what: string) => string; open: string }> = {
  en: {
    dueSubject: (i, w) => `Reminder: ${w} due in ${i.daysLeft} day${i.daysLeft === 1 ? '' : 's'} – contract ${i.contractReference}`,
    dueBody: (i, w) => `The ${w} for contract ${i.contractReference} is due on ${i.deadline} (end of that day, contract time).`,
    missedSubject: (i, w) => `Deadline missed: ${w} – contract ${i.contractReference}`,
    missedBody: (i, w) => `The ${w} for contract ${i.contractReference} was due on ${i.deadline} and has not been received. The buyer may put you in default; deliver it as soon as you can.`,
    open: 'Open it in the portal:',
  },
  fr: {
    dueSubject: (i, w) => `Rappel : ${w} à rendre dans ${i.daysLeft} jour${i.daysLeft === 1 ? '' : 's'} – marché ${i.contractReference}`,
    dueBody: (i, w) => `Échéance pour ${w} du marché ${i.contractReference} : le ${i.deadline} (fin de journée, heure du marché).`,
    missedSubject: (i, w) => `Échéance dépassée : ${w} – marché ${i.contractReference}`,
    missedBody: (i, w) => `L'échéance pour ${w} du marché ${i.contractReference} était le ${i.deadline} et rien n'a été reçu. L'acheteur peut vous mettre en défaut ; remettez-le au plus vite.`,
    open: 'Ouvrez-le dans le portail :',
  },
  nl: {
    dueSubject: (i, w) => `Herinnering: ${w} verwacht binnen ${i.daysLeft} dag${i.daysLeft === 1 ? '' : 'en'} – opdracht ${i.contractReference}`,
    dueBody: (i, w) => `De termijn voor ${w} van opdracht ${i.contractReference} loopt af op ${i.deadline} (einde van die dag, tijd van de opdracht).`,
    missedSubject: (i, w) => `Termijn verstreken: ${w} – opdracht ${i.contractReference}`,
    missedBody: (i, w) => `De termijn voor ${w} van opdracht ${i.contractReference} liep af op ${i.deadline} en er is niets ontvangen. De aanbesteder kan u in gebreke stellen; lever zo snel mogelijk.`,
    open: 'Open het in het portaal:',
  },
  de: {
    dueSubject: (i, w) => `Erinnerung: ${w} fällig in ${i.daysLeft} Tag${i.daysLeft === 1 ? '' : 'en'} – Auftrag ${i.contractReference}`,
    dueBody: (i, w) => `Die Frist für ${w} zu Auftrag ${i.contractReference} endet am ${i.deadline} (Ende des Tages, Vertragszeit).`,
    missedSubject: (i, w) => `Frist versäumt: ${w} – Auftrag ${i.contractReference}`,
    missedBody: (i, w) => `Die Frist für ${w} zu Auftrag ${i.contractReference} endete am ${i.deadline}; nichts ist eingegangen. Der Auftraggeber kann Sie in Verzug setzen; liefern Sie so bald wie möglich.`,
    open: 'Öffnen Sie es im Portal:',
  },
};

/** The reminder of one deadline at one stage (7, 3 or 1 days before, or the day after it was missed). */
export function reminderMail(stage: ReminderStage, language: Language, input: ReminderInput): { subject: string; text: string } {
  const texts = TEXTS[language];
  const what = WHAT[language][input.subject](input.label);
  const missed = stage === 'missed';
  const subject = missed ? texts.missedSubject(input, what) : texts.dueSubject(input, what);
  const body = missed ? texts.missedBody(input, what) : texts.dueBody(input, what);
  return { subject, text: `${body}\n\n${texts.open}\n${input.link}\n` };
}
