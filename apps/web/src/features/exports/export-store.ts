import { useSyncExternalStore } from 'react';

/** The exports asked for in this browser tab (ids only: the API keeps each for 7 days), newest first. */
const KEY = 'ddp.exports';
const listeners = new Set<() => void>();
let cache: string[] | null = null;

function read(): string[] {
  if (cache) return cache;
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? '[]');
    cache = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    cache = [];
  }
  return cache;
}

export function addSessionExport(id: string): void {
  cache = [id, ...read().filter((x) => x !== id)].slice(0, 50);
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(cache));
  } catch {
    // storage unavailable: the list lives in memory only
  }
  listeners.forEach((l) => l());
}

export function useSessionExports(): string[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    read,
    read,
  );
}
