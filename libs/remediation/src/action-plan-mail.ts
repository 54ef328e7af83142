import type { Language } from '@ddp/core';

/**
 * proposed: the buyer drafted a plan or proposed actions for the supplier to accept; submitted:
 * to the buyer; approved, rejected (with the buyer's comments), verified: to the supplier.
 */
export type ActionPlanMailKind = 'proposed' | 'submitted' | 'approved' | 'rejected' | 'verified';

export interface ActionPlanMailInput {
  contractReference: string;
  counterpart: string;
  link: string;
  /** The buyer's comments (rejected only). */
  comments?: string;
}

type Text = (i: ActionPlanMailInput) => string;
type Texts = Record<ActionPlanMailKind, { subject: Text; body: Text }>;

const TEXTS: Record<Language, Texts> = {
  en: {
    proposed: {
      subject: (i) => `Corrective actions proposed for contract ${i.contractReference}`,
      body: (i) => `${i.counterpart} proposes corrective actions for contract ${i.contractReference}. Accept them in your corrective action plan before submitting it.`,
    },
    submitted: {
      subject: (i) => `Corrective action plan submitted for contract ${i.contractReference}`,
      body: (i) => `${i.counterpart} submitted a corrective action plan for contract ${i.contractReference}. It is ready for your review.`,
    },
    approved: {
      subject: (i) => `Corrective action plan approved for contract ${i.contractReference}`,
      body: (i) => `${i.counterpart} approved your corrective action plan for contract ${i.contractReference}. Carry out its actions and attach the evidence of each.`,
    },
    rejected: {
      subject: (i) => `Corrective action plan rejected for contract ${i.contractReference}`,
      body: (i) => `${i.counterpart} rejected your corrective action plan for contract ${i.contractReference} with these comments:\n\n${i.comments ?? ''}\n\nRevise the plan and submit it again.`,
    },
    verified: {
      subject: (i) => `Corrective action plan verified for contract ${i.contractReference}`,
      body: (i) => `${i.counterpart} verified every action of your corrective action plan for contract ${i.contractReference}. Its findings are closed.`,
    },
  },
  fr: {
    proposed: {
      subject: (i) => `Actions correctives proposées pour le marché ${i.contractReference}`,
      body: (i) => `${i.counterpart} propose des actions correctives pour le marché ${i.contractReference}. Acceptez-les dans votre plan d'action correctif avant de le soumettre.`,
    },
    submitted: {
      subject: (i) => `Plan d'action correctif soumis pour le marché ${i.contractReference}`,
      body: (i) => `${i.counterpart} a soumis un plan d'action correctif pour le marché ${i.contractReference}. Il attend votre examen.`,
    },
    approved: {
      subject: (i) => `Plan d'action correctif approuvé pour le marché ${i.contractReference}`,
      body: (i) => `${i.counterpart} a approuvé votre plan d'action correctif pour le marché ${i.contractReference}. Réalisez ses actions et joignez les preuves de chacune.`,
    },
    rejected: {
      subject: (i) => `Plan d'action correctif refusé pour le marché ${i.contractReference}`,
      body: (i) => `${i.counterpart} a refusé votre plan d'action correctif pour le marché ${i.contractReference} avec ces commentaires :\n\n${i.comments ?? ''}\n\nRévisez le plan et soumettez-le à nouveau.`,
    },
    verified: {
      subject: (i) => `Plan d'action correctif vérifié pour le marché ${i.contractReference}`,
      body: (i) => `${i.counterpart} a vérifié toutes les actions de votre plan d'action correctif pour le marché ${i.contractReference}. Ses constats sont clôturés.`,
    },
  },
  nl: {
    proposed: {
      subject: (i) => `Corrigerende acties voorgesteld voor opdracht ${i.contractReference}`,
      body: (i) => `${i.counterpart} stelt corrigerende acties voor bij opdracht ${i.contractReference}. Aanvaard ze in uw plan van aanpak voordat u het indient.`,
    },
    submitted: {
      subject: (i) => `Plan van aanpak ingediend voor opdracht ${i.contractReference}`,
      body: (i) => `${i.counterpart} heeft een plan van aanpak voor opdracht ${i.contractReference} ingediend. Het wacht op uw beoordeling.`,
    },
    approved: {
      subject: (i) => `Plan van aanpak goedgekeurd voor opdracht ${i.contractReference}`,
      body: (i) => `${i.counterpart} heeft uw plan van aanpak voor opdracht ${i.contractReference} goedgekeurd. Voer de acties uit en voeg bij elke actie de bewijsstukken toe.`,
    },
    rejected: {
      subject: (i) => `Plan van aanpak afgewezen voor opdracht ${i.contractReference}`,
      body: (i) => `${i.counterpart} heeft uw plan van aanpak voor opdracht ${i.contractReference} afgewezen met deze opmerkingen:\n\n${i.comments ?? ''}\n\nPas het plan aan en dien het opnieuw in.`,
    },
    verified: {
      subject: (i) => `Plan van aanpak geverifieerd voor opdracht ${i.contractReference}`,
      body: (i) => `${i.counterpart} heeft alle acties van uw plan van aanpak voor opdracht ${i.contractReference} geverifieerd. De vaststellingen zijn afgesloten.`,
    },
  },
  de: {
    proposed: {
      subject: (i) => `Korrekturmaßnahmen vorgeschlagen für Auftrag ${i.contractReference}`,
      body: (i) => `${i.counterpart} schlägt Korrekturmaßnahmen für Auftrag ${i.contractReference} vor. Nehmen Sie sie in Ihrem Korrekturmaßnahmenplan an, bevor Sie ihn einreichen.`,
    },
    submitted: {
      subject: (i) => `Korrekturmaßnahmenplan eingereicht für Auftrag ${i.contractReference}`,
      body: (i) => `${i.counterpart} hat einen Korrekturmaßnahmenplan für Auftrag ${i.contractReference} eingereicht. Er wartet auf Ihre Prüfung.`,
    },
    approved: {
      subject: (i) => `Korrekturmaßnahmenplan genehmigt für Auftrag ${i.contractReference}`,
      body: (i) => `${i.counterpart} hat Ihren Korrekturmaßnahmenplan für Auftrag ${i.contractReference} genehmigt. Führen Sie die Maßnahmen durch und fügen Sie zu jeder die Nachweise hinzu.`,
    },
    rejected: {
      subject: (i) => `Korrekturmaßnahmenplan abgelehnt für Auftrag ${i.contractReference}`,
      body: (i) => `${i.counterpart} hat Ihren Korrekturmaßnahmenplan für Auftrag ${i.contractReference} mit diesen Kommentaren abgelehnt:\n\n${i.comments ?? ''}\n\nÜberarbeiten Sie den Plan und reichen Sie ihn erneut ein.`,
    },
    verified: {
      subject: (i) => `Korrekturmaßnahmenplan verifiziert für Auftrag ${i.contractReference}`,
      body: (i) => `${i.counterpart} hat alle Maßnahmen Ihres Korrekturmaßnahmenplans für Auftrag ${i.contractReference} verifiziert. Seine Feststellungen sind abgeschlossen.`,
    },
  },
};

const OPEN: Record<Language, string> = { en: 'Open it in the portal:', fr: 'Ouvrez-le dans le portail :', nl: 'Open het in het portaal:', de: 'Öffnen Sie es im Portal:' };

export function actionPlanMail(kind: ActionPlanMailKind, language: Language, input: ActionPlanMailInput): { subject: string; text: string } {
  const lang = TEXTS[language] ? language : 'en';
  const texts = TEXTS[lang][kind];
  return { subject: texts.subject(input), text: `${texts.body(input)}\n\n${OPEN[lang]}\n${input.link}\n` };
}
