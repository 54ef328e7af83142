import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import i18n from '../../i18n/i18n';
import { accountFieldErrors } from './account-field-errors';

const problem = (errors: Array<{ field: string; message: string }>) => new ApiError(422, { code: 'validation_failed', errors });

describe('accountFieldErrors', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
  });

  it('gives the known messages of the API in the user’s language, with their figures', () => {
    const t = i18n.t.bind(i18n);
    expect(accountFieldErrors(problem([{ field: 'email', message: 'email must be an email' }]), t)).toEqual({ email: 'Saisissez une adresse e-mail valide.' });
    expect(accountFieldErrors(problem([{ field: 'password', message: 'must have at least 12 characters' }]), t)).toEqual({ password: 'Le mot de passe doit compter au moins 12 caractères.' });
    expect(accountFieldErrors(problem([{ field: 'newPassword', message: 'is too common' }]), t)).toEqual({ newPassword: 'Ce mot de passe est trop courant : choisissez-en un autre.' });
  });

  it('keeps any other message as the API wrote it, and the first one of each field', () => {
    const t = i18n.t.bind(i18n);
    const errors = [
      { field: 'name', message: 'name must be shorter than or equal to 200 characters' },
      { field: 'name', message: 'a second message' },
    ];
    expect(accountFieldErrors(problem(errors), t)).toEqual({ name: 'name must be shorter than or equal to 200 characters' });
  });

  it('has nothing for what is not an API error', () => {
    expect(accountFieldErrors(new Error('offline'), i18n.t.bind(i18n))).toEqual({});
    expect(accountFieldErrors(null, i18n.t.bind(i18n))).toEqual({});
  });
});
