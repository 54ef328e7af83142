import type { DefinitionFieldError as FieldError } from './template-definition';

/** A value of untrusted JSON and where it sits, e.g. `definition.sections[0].code`. */
export interface Field {
  readonly value: unknown;
  readonly path: string;
}

/** Past this many errors the reader stops listing them (a hostile body must not make a huge answer). */
export const MAX_ERRORS = 1000;
const ROOT = 'definition';

/**
 * The name a message starts with: the path from the nearest list item (or the root), so
 * `definition.sections[0].questions[2].condition.questionCode` reads `condition.questionCode`.
 */
export function fieldName(path: string): string {
  const afterItem = path.lastIndexOf('].');
  if (afterItem >= 0) return path.slice(afterItem + 2);
  return path.startsWith(`${ROOT}.`) ? path.slice(ROOT.length + 1) : path;
}

/** A path as shown to the reader of a message, without the root: `sections[0].questions[1]`. */
export function relativePath(path: string): string {
  return path.startsWith(`${ROOT}.`) ? path.slice(ROOT.length + 1) : path;
}

function displayKey(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

/** The items when every one was read, else undefined. */
export function allDefined<T>(items: ReadonlyArray<T | undefined>): T[] | undefined {
  return items.every((item): item is T => item !== undefined) ? [...items] : undefined;
}

/** A copy without the keys whose value is undefined, so a clean copy holds only what was given. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** An object of untrusted JSON: reads only its own properties (never `constructor` from its prototype). */
export class JsonObject {
  constructor(
    private readonly raw: Readonly<Record<string, unknown>>,
    readonly path: string,
  ) {}

  get(key: string): Field {
    return { value: Object.hasOwn(this.raw, key) ? this.raw[key] : undefined, path: `${this.path}.${key}` };
  }

  has(key: string): boolean {
    return this.get(key).value !== undefined;
  }
}

export interface ListSize {
  min: number;
  max: number;
  /** Singular and plural of an item, for messages: ['option', 'options']. */
  noun: readonly [string, string];
}

function count(n: number, [singular, plural]: readonly [string, string]): string {
  return n === 1 ? `one ${singular}` : `${n} ${plural}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads untrusted JSON field by field and collects every problem. Each reader returns the
 * clean value, or undefined after recording why; `errorCount` tells a caller whether a whole
 * subtree was clean.
 */
export class JsonReader {
  private readonly found: FieldError[] = [];
  private total = 0;

  get errorCount(): number {
    return this.total;
  }

  /** Records a problem; the message is the field's name followed by `problem`. */
  fail(path: string, problem: string): undefined {
    this.total += 1;
    if (this.found.length < MAX_ERRORS) this.found.push({ field: path, message: `${fieldName(path)} ${problem}` });
    return undefined;
  }

  errors(): FieldError[] {
    if (this.total <= MAX_ERRORS) return [...this.found];
    return [...this.found, { field: ROOT, message: `${ROOT} has ${this.total} errors; only the first ${MAX_ERRORS} are listed` }];
  }

  /** An object with only `known` keys; every other key is an error. */
  object(field: Field, known: readonly string[], unknownProblem = 'is not a known property'): JsonObject | undefined {
    if (field.value === undefined) return this.fail(field.path, 'is required');
    if (!isRecord(field.value)) return this.fail(field.path, 'must be an object');
    for (const key of Object.keys(field.value)) {
      if (!known.includes(key)) this.fail(`${field.path}.${displayKey(key)}`, unknownProblem);
    }
    return new JsonObject(field.value, field.path);
  }

  /** The items of an array of `size.min`..`size.max` items, each with its own path. */
  list(field: Field, size: ListSize): Field[] | undefined {
    if (field.value === undefined) return this.fail(field.path, 'is required');
    if (!Array.isArray(field.value)) return this.fail(field.path, 'must be a list');
    const length = field.value.length;
    if (length < size.min) return this.fail(field.path, `must hold at least ${count(size.min, size.noun)}`);
    if (length > size.max) return this.fail(field.path, `must hold at most ${count(size.max, size.noun)}`);
    return field.value.map((value: unknown, index) => ({ value, path: `${field.path}[${index}]` }));
  }

  /** A string matching `pattern` (described by `hint`), returned as given. */
  code(field: Field, pattern: RegExp, hint: string): string | undefined {
    if (field.value === undefined) return this.fail(field.path, 'is required');
    if (typeof field.value !== 'string' || !pattern.test(field.value)) return this.fail(field.path, `must be ${hint}`);
    return field.value;
  }

  /** A text that is not blank and at most `maxLength` characters once trimmed; returned trimmed. */
  text(field: Field, maxLength: number): string | undefined {
    if (field.value === undefined) return this.fail(field.path, 'is required');
    if (typeof field.value !== 'string') return this.fail(field.path, 'must be a text');
    const text = field.value.trim();
    if (text === '') return this.fail(field.path, 'must not be empty');
    if (text.length > maxLength) return this.fail(field.path, `must be at most ${maxLength} characters long`);
    return text;
  }

  oneOf<T extends string>(field: Field, values: readonly T[]): T | undefined {
    if (field.value === undefined) return this.fail(field.path, 'is required');
    const found = values.find((value) => value === field.value);
    return found ?? this.fail(field.path, `must be one of ${values.join(', ')}`);
  }

  boolean(field: Field): boolean | undefined {
    if (field.value === undefined) return this.fail(field.path, 'is required');
    if (typeof field.value !== 'boolean') return this.fail(field.path, 'must be true or false');
    return field.value;
  }

  /** A finite number, within the bounds when given. */
  number(field: Field, bounds: { min?: number; max?: number } = {}): number | undefined {
    if (field.value === undefined) return this.fail(field.path, 'is required');
    const { min, max } = bounds;
    const value = field.value;
    const fits = typeof value === 'number' && Number.isFinite(value) && (min === undefined || value >= min) && (max === undefined || value <= max);
    if (fits) return value;
    if (min !== undefined && max !== undefined) return this.fail(field.path, `must be a number between ${min} and ${max}`);
    if (min !== undefined) return this.fail(field.path, `must be a number of at least ${min}`);
    if (max !== undefined) return this.fail(field.path, `must be a number of at most ${max}`);
    return this.fail(field.path, 'must be a finite number');
  }

  /** Reads the field only when it is given. */
  optional<T>(field: Field, read: (field: Field) => T | undefined): T | undefined {
    return field.value === undefined ? undefined : read(field);
  }

  /** Records each value that repeats an earlier one of `items` (values left undefined are skipped). */
  distinct(items: ReadonlyArray<{ path: string; value: string | undefined }>): void {
    const first = new Map<string, string>();
    for (const { path, value } of items) {
      if (value === undefined) continue;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, path);
      else this.fail(path, `repeats ${JSON.stringify(value)}, already given at ${relativePath(earlier)}`);
    }
  }
}
