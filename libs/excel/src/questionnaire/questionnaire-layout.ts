import { createHash, createHmac } from 'node:crypto';
import type { AnswerValue } from '@ddp/questionnaires';

/**
 * The layout of the offline questionnaire workbook (format 1). Sheet names are fixed (not
 * translated): the reader finds the sheets by name. `Questions` is read by column; its rows are
 * matched by the code in column A (so sorting or filtering rows is harmless).
 */
export const WORKBOOK_FORMAT = 'ddp-questionnaire/1';

export const SHEETS = { instructions: 'Instructions', questions: 'Questions', lists: 'Lists', meta: 'Meta' } as const;

/** 1-based columns of the Questions sheet; row 1 is the header. */
export const COLUMNS = {
  code: 1,
  section: 2,
  text: 3,
  type: 4,
  answer: 5,
  comment: 6,
  colour: 7,
  allowed: 8,
  guidance: 9,
  required: 10,
  condition: 11,
  evidence: 12,
} as const;

export const COLUMN_LETTERS: Record<keyof typeof COLUMNS, string> = {
  code: 'A',
  section: 'B',
  text: 'C',
  type: 'D',
  answer: 'E',
  comment: 'F',
  colour: 'G',
  allowed: 'H',
  guidance: 'I',
  required: 'J',
  condition: 'K',
  evidence: 'L',
};

export const COLOUR_FILLS = { green: 'FF63BE7B', amber: 'FFFFC000', red: 'FFF8696B', grey: 'FFD9D9D9' } as const;

/** The Meta sheet: `key | value` rows, then one `answer | code | fingerprint` row per question. */
export const META_KEYS = ['format', 'assessmentId', 'revision', 'templateId', 'templateVersion', 'language', 'checksum'] as const;
export type MetaKey = (typeof META_KEYS)[number];
export const META_ANSWER_ROW = 'answer';

/** What identifies the workbook, sealed by the checksum. */
export interface WorkbookIdentity {
  format: string;
  assessmentId: string;
  revision: string;
  templateId: string;
  templateVersion: string;
  language: string;
  /** The fingerprint of each question's answer when the workbook was made, in template order. */
  answers: Array<[code: string, fingerprint: string]>;
}

/** An answer as the workbook compares it: what the supplier typed, normalised as a save stores it. */
export interface ComparableAnswer {
  value: AnswerValue;
  notApplicable: boolean;
  comment: string | null;
}

/** A short, stable fingerprint of an answer; no answer and an empty one are the same. */
export function fingerprint(answer: ComparableAnswer | undefined): string {
  const canonical = JSON.stringify(answer ? [answer.value ?? null, answer.notApplicable, answer.comment ?? null] : [null, false, null]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

/**
 * The tamper-evident checksum: HMAC-SHA256 over the identity, under a key derived from the app's
 * JWT_SECRET for this one purpose (rotating JWT_SECRET invalidates the workbooks downloaded before).
 */
export function sealOf(secret: string, identity: WorkbookIdentity): string {
  const key = createHmac('sha256', secret).update('ddp/questionnaire-workbook/v1').digest();
  const payload = JSON.stringify([identity.format, identity.assessmentId, identity.revision, identity.templateId, identity.templateVersion, identity.language, identity.answers]);
  return createHmac('sha256', key).update(payload).digest('hex');
}
