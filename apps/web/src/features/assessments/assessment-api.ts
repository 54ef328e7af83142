import type { TemplateDefinition } from '@ddp/definition';
import { api, type Schemas } from '../../api/client';
import { downloadFile as downloadApiFile } from '../../api/files';
import { ApiError, type Problem, unwrap } from '../../api/problem';
import { authFetch } from '../../api/session';
import { SaveFailure, type SentAnswer } from './autosave-queue';
import type { AnswerMap } from './questionnaire-view';

export type Assessment = Schemas['AssessmentDto'];
export type Evidence = Schemas['EvidenceDto'];

export const assessmentKey = (id: string) => ['assessments', 'detail', id] as const;
export const templateKey = (templateId: string) => ['assessments', 'template', templateId] as const;

/** Whether the supplier may still answer (draft saves, evidence, workbook import, submission). */
export function isOpen(status: Assessment['status']): boolean {
  return status === 'issued' || status === 'in_progress' || status === 'clarification_requested';
}

/** The ETag of an assessment: its version, quoted. */
export const etagOf = (version: number): string => `"${version}"`;

export async function fetchAssessment(id: string): Promise<Assessment> {
  return unwrap(await api.GET('/api/v1/assessments/{id}', { params: { path: { id } } }));
}

export async function fetchRevision(id: string, number: number): Promise<Assessment> {
  return unwrap(await api.GET('/api/v1/assessments/{id}/revisions/{number}', { params: { path: { id, number } } }));
}

/** The template version the assessment was issued with (its definition is a loosely typed object in the OpenAPI). */
export async function fetchDefinition(templateId: string): Promise<TemplateDefinition> {
  const template = unwrap(await api.GET('/api/v1/questionnaire-templates/{id}', { params: { path: { id: templateId } } }));
  return template.definition as unknown as TemplateDefinition;
}

export function answersOf(assessment: Pick<Assessment, 'answers'>): Record<string, AnswerMap[string]> {
  return Object.fromEntries(assessment.answers.map((a) => [a.questionCode, { value: a.value ?? null, notApplicable: a.notApplicable, comment: a.comment }]));
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { status: response.status };
  }
}

/** A raw request through the session; a failure becomes an ApiError like `unwrap` throws. */
async function send(url: string, init: RequestInit): Promise<Response> {
  const response = await authFetch(new Request(url, { ...init, headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) } }));
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response;
}

/** The autosave's request: PUT /answers with If-Match, no body back; resolves to the new ETag. */
export function answersSender(id: string, language: () => string | undefined) {
  return async (answers: SentAnswer[], etag: string): Promise<string> => {
    const body = {
      answers: answers.map((a) => ({
        questionCode: a.questionCode,
        // A blank text is no answer (the API refuses an empty text).
        value: typeof a.value === 'string' && a.value.trim() === '' ? null : a.value,
        notApplicable: a.notApplicable,
        comment: a.comment?.trim() ? a.comment : null,
      })),
      ...(language() ? { language: language() } : {}),
    };
    const response = await authFetch(
      new Request(`/api/v1/assessments/${id}/answers`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'if-match': etag, prefer: 'return=minimal' },
        body: JSON.stringify(body),
      }),
    );
    if (!response.ok) {
      const problem = await problemOf(response);
      throw new SaveFailure(response.status, new ApiError(response.status, problem).fieldErrors, problem.detail ?? problem.title);
    }
    return response.headers.get('etag') ?? etag;
  };
}

export async function submitAssessment(id: string, etag: string, idempotencyKey: string): Promise<Assessment> {
  const response = await send(`/api/v1/assessments/${id}/submit`, { method: 'POST', headers: { 'if-match': etag, 'idempotency-key': idempotencyKey } });
  return (await response.json()) as Assessment;
}

export async function uploadEvidence(id: string, questionCode: string, file: File, documentDate: string): Promise<Evidence> {
  const form = new FormData();
  form.append('questionCode', questionCode);
  form.append('documentDate', documentDate);
  form.append('file', file, file.name);
  const response = await send(`/api/v1/assessments/${id}/evidence`, { method: 'POST', body: form });
  return (await response.json()) as Evidence;
}

export async function uploadWorkbook(id: string, file: File): Promise<Assessment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await send(`/api/v1/assessments/${id}/workbook`, { method: 'POST', body: form });
  return (await response.json()) as Assessment;
}

export async function shareAssessment(id: string, authorityId: string): Promise<Assessment> {
  return unwrap(await api.POST('/api/v1/assessments/{id}/shares', { params: { path: { id } }, body: { authorityId } }));
}

export async function revokeShare(id: string, authorityId: string): Promise<Assessment> {
  return unwrap(await api.DELETE('/api/v1/assessments/{id}/shares', { params: { path: { id }, query: { authorityId } } }));
}

/** Downloads a file through the session: see api/files.ts. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  await downloadApiFile(url, { fallbackName });
}
