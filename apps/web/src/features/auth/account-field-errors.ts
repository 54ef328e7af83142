import type { TFunction } from 'i18next';
import { isApiError } from '../../api/problem';

/**
 * The API's messages about account fields (emails, passwords) are English and stable: each known one
 * has its text in the user's language; any other is shown as the API wrote it.
 */
const KNOWN: ReadonlyArray<[RegExp, string]> = [
  [/must be an email$/, 'auth.error.email'],
  [/^must have at least (\d+) characters$/, 'auth.error.passwordShort'],
  [/^must have at most (\d+) characters$/, 'auth.error.passwordLong'],
  [/^is too common$/, 'auth.error.passwordCommon'],
  [/^must not repeat one character$/, 'auth.error.passwordRepeated'],
  [/^must not contain your email address$/, 'auth.error.passwordEmail'],
  [/^is already a member$/, 'auth.error.alreadyMember'],
];

export function accountFieldMessage(message: string, t: TFunction): string {
  for (const [pattern, key] of KNOWN) {
    const match = pattern.exec(message);
    if (match) return t(key, { length: match[1] ?? '' });
  }
  return message;
}

/** An API error's messages by field (`email`, `password`…), in the user's language; {} for other errors. */
export function accountFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!isApiError(error)) return {};
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [field, accountFieldMessage(message, t)]));
}
