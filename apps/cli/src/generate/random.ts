import { createHash } from 'node:crypto';

/**
 * Determinism: every id and every random choice is a pure function of (seed, kind, index), so a
 * resumed run regenerates exactly the rows an interrupted one would have written.
 */

/** A uniform draw in [0, 1) and helpers on top of it. */
export interface Random {
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** The key whose cumulative weight first exceeds a draw (weights need not sum to 1). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix32(value: number): number {
  let t = (value + 0x9e3779b9) | 0;
  t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
  t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

/** Mulberry32 seeded from (seed, kind, index): fast, 32-bit state, good enough for test data. */
export function randomFor(seed: number, kind: string, index: number): Random {
  let state = mix32(hashString(kind) ^ mix32(seed) ^ mix32(Math.imul(index, 0x9e3779b1) ^ (index / 0x100000000)));
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      let draw = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        draw -= weight;
        if (draw < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
  };
}

/**
 * A UUID derived from (seed, kind, index), version nibble 8 ("custom", RFC 9562). The app's own
 * rows are version 4 (gen_random_uuid), which is how the generator tells its organisations apart
 * from real ones before writing into a database (see `GENERATED_ID_SQL`).
 */
export function generatedId(seed: number, kind: string, index: number | string): string {
  const b = createHash('md5').update(`${seed}:${kind}:${index}`).digest();
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** SQL that is true for an id written by the generator (version nibble 8). */
export const GENERATED_ID_SQL = (column: string): string => `substr(${column}::text, 15, 1) = '8'`;

/** A hex digest of the given length, deterministic (certificate hashes, message ids). */
export function digest(text: string, length = 64): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
