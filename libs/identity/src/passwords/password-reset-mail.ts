import type { Language } from '@ddp/core';

const TEXTS: Record<Language, { subject: string; body: (link: string, minutes: number) => string }> = {
  en: {
    subject: 'Reset your password for the Due-Diligence Portal',
    body: (link, minutes) =>
      `Someone asked to reset the password of your account.\n\nChoose a new password here (the link works once and expires in ${minutes} minutes):\n${link}\n\n` +
      `If it was not you, ignore this mail: your password stays as it is.`,
  },
  fr: {
    subject: 'Réinitialisez votre mot de passe du portail de diligence raisonnable',
    body: (link, minutes) =>
      `Quelqu'un a demandé la réinitialisation du mot de passe de votre compte.\n\nChoisissez un nouveau mot de passe ici (le lien ne fonctionne qu'une fois et expire dans ${minutes} minutes) :\n${link}\n\n` +
      `Si ce n'était pas vous, ignorez ce message : votre mot de passe reste inchangé.`,
  },
  nl: {
    subject: 'Stel uw wachtwoord voor het portaal voor gepaste zorgvuldigheid opnieuw in',
    body: (link, minutes) =>
      `Iemand heeft gevraagd het wachtwoord van uw account opnieuw in te stellen.\n\nKies hier een nieuw wachtwoord (de link werkt één keer en verloopt over ${minutes} minuten):\n${link}\n\n` +
      `Was u het niet, negeer dan deze e-mail: uw wachtwoord blijft ongewijzigd.`,
  },
  de: {
    subject: 'Setzen Sie Ihr Passwort für das Sorgfaltspflichten-Portal zurück',
    body: (link, minutes) =>
      `Jemand hat das Zurücksetzen des Passworts Ihres Kontos angefordert.\n\nWählen Sie hier ein neues Passwort (der Link funktioniert einmal und läuft in ${minutes} Minuten ab):\n${link}\n\n` +
      `Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.`,
  },
};

export function passwordResetMail(language: Language, link: string, minutes: number): { subject: string; text: string } {
  const texts = TEXTS[language];
  return { subject: texts.subject, text: texts.body(link, minutes) };
}
