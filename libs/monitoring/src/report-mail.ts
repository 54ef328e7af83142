import type { Language } from '@ddp/core';

export type ReportMailKind = 'submitted' | 'accepted' | 'returned';

export interface ReportMailInput {
  contractReference: string;
  periodStart: string;
  periodEnd: string;
  counterpart: string;
  /** The buyer's comments (returned reports). */
  comments?: string;
  link: string;
}

type Texts = Record<ReportMailKind, { subject: (i: ReportMailInput) => string; body: (i: ReportMailInput) => string }>;

const TEXTS: Record<Language, Texts> = {
  en: {
    submitted: {
      subject: (i) => `Periodic report submitted for contract ${i.contractReference}`,
      body: (i) => `${i.counterpart} submitted its report for ${i.periodStart} to ${i.periodEnd} under contract ${i.contractReference}. It is ready for your review.`,
    },
    accepted: {
      subject: (i) => `Periodic report accepted for contract ${i.contractReference}`,
      body: (i) => `${i.counterpart} accepted your report for ${i.periodStart} to ${i.periodEnd} under contract ${i.contractReference}.`,
    },
    returned: {
      subject: (i) => `Periodic report returned for contract ${i.contractReference}`,
      body: (i) => `${i.counterpart} returned your report for ${i.periodStart} to ${i.periodEnd} under contract ${i.contractReference}. Their comments:\n\n${i.comments ?? ''}`,
    },
  },
  fr: {
    submitted: {
      subject: (i) => `Rapport périodique soumis pour le marché ${i.contractReference}`,
      body: (i) => `${i.counterpart} a soumis son rapport pour la période du ${i.periodStart} au ${i.periodEnd} du marché ${i.contractReference}. Il attend votre examen.`,
    },
    accepted: {
      subject: (i) => `Rapport périodique accepté pour le marché ${i.contractReference}`,
      body: (i) => `${i.counterpart} a accepté votre rapport pour la période du ${i.periodStart} au ${i.periodEnd} du marché ${i.contractReference}.`,
    },
    returned: {
      subject: (i) => `Rapport périodique renvoyé pour le marché ${i.contractReference}`,
      body: (i) => `${i.counterpart} vous renvoie votre rapport pour la période du ${i.periodStart} au ${i.periodEnd} du marché ${i.contractReference}. Ses commentaires :\n\n${i.comments ?? ''}`,
    },
  },
  nl: {
    submitted: {
      subject: (i) => `Periodiek rapport ingediend voor opdracht ${i.contractReference}`,
      body: (i) => `${i.counterpart} heeft zijn rapport over ${i.periodStart} tot ${i.periodEnd} voor opdracht ${i.contractReference} ingediend. Het wacht op uw beoordeling.`,
    },
    accepted: {
      subject: (i) => `Periodiek rapport aanvaard voor opdracht ${i.contractReference}`,
      body: (i) => `${i.counterpart} heeft uw rapport over ${i.periodStart} tot ${i.periodEnd} voor opdracht ${i.contractReference} aanvaard.`,
    },
    returned: {
      subject: (i) => `Periodiek rapport teruggestuurd voor opdracht ${i.contractReference}`,
      body: (i) => `${i.counterpart} heeft uw rapport over ${i.periodStart} tot ${i.periodEnd} voor opdracht ${i.contractReference} teruggestuurd. De opmerkingen:\n\n${i.comments ?? ''}`,
    },
  },
  de: {
    submitted: {
      subject: (i) => `Periodischer Bericht eingereicht für Auftrag ${i.contractReference}`,
      body: (i) => `${i.counterpart} hat seinen Bericht für ${i.periodStart} bis ${i.periodEnd} zu Auftrag ${i.contractReference} eingereicht. Er wartet auf Ihre Prüfung.`,
    },
    accepted: {
      subject: (i) => `Periodischer Bericht angenommen für Auftrag ${i.contractReference}`,
      body: (i) => `${i.counterpart} hat Ihren Bericht für ${i.periodStart} bis ${i.periodEnd} zu Auftrag ${i.contractReference} angenommen.`,
    },
    returned: {
      subject: (i) => `Periodischer Bericht zurückgegeben für Auftrag ${i.contractReference}`,
      body: (i) => `${i.counterpart} hat Ihren Bericht für ${i.periodStart} bis ${i.periodEnd} zu Auftrag ${i.contractReference} zurückgegeben. Die Kommentare:\n\n${i.comments ?? ''}`,
    },
  },
};

const OPEN: Record<Language, string> = { en: 'Open it in the portal:', fr: 'Ouvrez-le dans le portail :', nl: 'Open het in het portaal:', de: 'Öffnen Sie ihn im Portal:' };

export function reportMail(kind: ReportMailKind, language: Language, input: ReportMailInput): { subject: string; text: string } {
  const texts = TEXTS[language][kind];
  return { subject: texts.subject(input), text: `${texts.body(input)}\n\n${OPEN[language]}\n${input.link}\n` };
}
