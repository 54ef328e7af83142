import type { Language } from '@ddp/core';

interface InvitationMailInput {
  organisationName: string;
  inviterName: string | null;
  link: string;
  expiresAt: Date;
  language: Language;
}

type NoticeInput = Omit<InvitationMailInput, 'link'>;

const NOTICES: Record<Language, { subject: (org: string) => string; body: (i: NoticeInput) => string }> = {
  en: {
    subject: (org) => `${org} invited you to the Due-Diligence Portal`,
    body: (i) =>
      `${i.inviterName ?? 'Someone'} invited this address to join ${i.organisationName}, but it already has an account on the portal, ` +
      `and an account belongs to one organisation.\n\nAsk them to invite another address of yours, or ignore this mail.`,
  },
  fr: {
    subject: (org) => `${org} vous a invité·e sur le portail de diligence raisonnable`,
    body: (i) =>
      `${i.inviterName ?? "Quelqu'un"} a invité cette adresse à rejoindre ${i.organisationName}, mais elle a déjà un compte sur le portail, ` +
      `et un compte appartient à une seule organisation.\n\nDemandez-lui d'inviter une autre de vos adresses, ou ignorez ce message.`,
  },
  nl: {
    subject: (org) => `${org} heeft u uitgenodigd op het portaal voor gepaste zorgvuldigheid`,
    body: (i) =>
      `${i.inviterName ?? 'Iemand'} heeft dit adres uitgenodigd om ${i.organisationName} te vervoegen, maar het heeft al een account op het portaal, ` +
      `en een account hoort bij één organisatie.\n\nVraag om een ander adres van u uit te nodigen, of negeer deze e-mail.`,
  },
  de: {
    subject: (org) => `${org} hat Sie in das Sorgfaltspflichten-Portal eingeladen`,
    body: (i) =>
      `${i.inviterName ?? 'Jemand'} hat diese Adresse zu ${i.organisationName} eingeladen, aber sie hat bereits ein Konto im Portal, ` +
      `und ein Konto gehört zu einer Organisation.\n\nBitten Sie darum, eine andere Adresse von Ihnen einzuladen, oder ignorieren Sie diese E-Mail.`,
  },
};

/** For an address that already has an account elsewhere: no link, since it could not be accepted. */
export function existingAccountNotice(input: NoticeInput): { subject: string; text: string } {
  const notice = NOTICES[input.language];
  return { subject: notice.subject(input.organisationName), text: notice.body(input) };
}

const TEXTS: Record<Language, { subject: (org: string) => string; body: (i: InvitationMailInput, date: string) => string }> = {
  en: {
    subject: (org) => `You are invited to join ${org} on the Due-Diligence Portal`,
    body: (i, date) =>
      `${i.inviterName ? `${i.inviterName} invites you` : 'You are invited'} to join ${i.organisationName} on the Due-Diligence Portal.\n\n` +
      `Open this link to choose your name and password:\n${i.link}\n\nThe link works once and expires on ${date}.\n` +
      `If you did not expect this mail, ignore it.`,
  },
  fr: {
    subject: (org) => `Invitation à rejoindre ${org} sur le portail de diligence raisonnable`,
    body: (i, date) =>
      `${i.inviterName ? `${i.inviterName} vous invite` : 'Vous êtes invité·e'} à rejoindre ${i.organisationName} sur le portail de diligence raisonnable.\n\n` +
      `Ouvrez ce lien pour choisir votre nom et votre mot de passe :\n${i.link}\n\nLe lien ne fonctionne qu'une fois et expire le ${date}.\n` +
      `Si vous n'attendiez pas ce message, ignorez-le.`,
  },
  nl: {
    subject: (org) => `Uitnodiging om ${org} te vervoegen op het portaal voor gepaste zorgvuldigheid`,
    body: (i, date) =>
      `${i.inviterName ? `${i.inviterName} nodigt u uit` : 'U bent uitgenodigd'} om ${i.organisationName} te vervoegen op het portaal voor gepaste zorgvuldigheid.\n\n` +
      `Open deze link om uw naam en wachtwoord te kiezen:\n${i.link}\n\nDe link werkt één keer en verloopt op ${date}.\n` +
      `Verwachtte u deze e-mail niet, negeer hem dan.`,
  },
  de: {
    subject: (org) => `Einladung zu ${org} im Sorgfaltspflichten-Portal`,
    body: (i, date) =>
      `${i.inviterName ? `${i.inviterName} lädt Sie ein` : 'Sie sind eingeladen'}, ${i.organisationName} im Sorgfaltspflichten-Portal beizutreten.\n\n` +
      `Öffnen Sie diesen Link, um Ihren Namen und Ihr Passwort zu wählen:\n${i.link}\n\nDer Link funktioniert einmal und läuft am ${date} ab.\n` +
      `Falls Sie diese E-Mail nicht erwartet haben, ignorieren Sie sie.`,
  },
};

const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE' };

export function invitationMail(input: InvitationMailInput): { subject: string; text: string } {
  const texts = TEXTS[input.language];
  const date = input.expiresAt.toLocaleString(LOCALES[input.language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Brussels' });
  return { subject: texts.subject(input.organisationName), text: texts.body(input, `${date} (Europe/Brussels)`) };
}
