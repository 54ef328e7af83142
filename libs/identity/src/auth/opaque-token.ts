import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random token for the client; only its SHA-256 is stored. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

/** Tokens are 256 bits of entropy, so a fast hash is enough (no dictionary to attack). */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
