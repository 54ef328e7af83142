import fc from 'fast-check';
import { loadConfig } from '@ddp/core';
import { MIN_PASSWORD_LENGTH, PasswordService, passwordWeakness } from './password.service';

describe('passwordWeakness', () => {
  it('refuses anything shorter than 12 characters (counting code points)', () => {
    fc.assert(fc.property(fc.string({ maxLength: MIN_PASSWORD_LENGTH - 1, unit: 'binary' }), (p) => expect(passwordWeakness(p)).toBeDefined()));
  });

  it.each(['password1234', 'PASSWORD1234', 'qwertyuiop123', 'aaaaaaaaaaaaaaaa', 'azerty123456'])('refuses the common or trivial %p', (p) => {
    expect(passwordWeakness(p)).toBeDefined();
  });

  it('refuses a password containing the email’s local part', () => {
    expect(passwordWeakness('my-name-is-jan.peeters!', 'jan.peeters@gent.be')).toBe('must not contain your email address');
  });

  it('accepts a long passphrase', () => {
    expect(passwordWeakness('Lente in Gent, 2026!')).toBeUndefined();
  });
});

describe('PasswordService', () => {
  const service = new PasswordService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) }));

  it('hashes with argon2id at m=19456 KiB, t=2, p=1 and verifies', async () => {
    const hash = await service.hash('Lente in Gent, 2026!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(service.verify(hash, 'Lente in Gent, 2026!')).resolves.toBe(true);
    await expect(service.verify(hash, 'Lente in Gent, 2027!')).resolves.toBe(false);
  });

  it('answers false for an unknown account after doing the same work', async () => {
    await expect(service.verify(undefined, 'dummy password for unknown accounts')).resolves.toBe(false);
  });
});
