import type { TemplateDefinition } from '@ddp/definition';
import { api, type Schemas } from '../../api/client';
import { downloadFile } from '../../api/files';
import { ApiError, type Problem, unwrap } from '../../api/problem';
import { authFetch } from '../../api/session';

export type TemplateSummary = Schemas['TemplateSummaryDto'];
/** A template version; the API's schema types the definition loosely, this names it. */
export type Template = Omit<Schemas['TemplateDto'], 'definition'> & { definition: TemplateDefinition };

const BASE = '/api/v1/questionnaire-templates';
type LooseDefinition = Schemas['UpdateTemplateDto']['definition'];

function ofDto(dto: Schemas['TemplateDto']): Template {
  return dto as unknown as Template;
}

function loose(definition: TemplateDefinition): LooseDefinition {
  return definition as unknown as LooseDefinition;
}

const etag = (version: number) => `"${version}"`;

/** An absolute URL of the API (a Request needs one outside the browser, e.g. in tests). */
const url = (path: string) => new URL(path, window.location.origin).toString();

export async function listTemplates(): Promise<TemplateSummary[]> {
  const items: TemplateSummary[] = [];
  let after: string | undefined;
  do {
    const page = unwrap(await api.GET(BASE, { params: { query: { limit: 100, after } } }));
    items.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  return items;
}

export async function getTemplate(id: string): Promise<Template> {
  return ofDto(unwrap(await api.GET(`${BASE}/{id}`, { params: { path: { id } } })));
}

export async function createTemplate(input: { definition: TemplateDefinition } | { copyOf: string }): Promise<Template> {
  const body = 'copyOf' in input ? { copyOf: input.copyOf } : { definition: loose(input.definition) };
  return ofDto(unwrap(await api.POST(BASE, { body })));
}

/** Replaces a draft (If-Match: the version read), or, for a published version, creates the family's next draft. */
export async function updateTemplate(id: string, version: number, definition: TemplateDefinition): Promise<Template> {
  return ofDto(unwrap(await api.PUT(`${BASE}/{id}`, { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: { definition: loose(definition) } })));
}

export async function publishTemplate(id: string, version: number): Promise<Template> {
  return ofDto(unwrap(await api.POST(`${BASE}/{id}/publish`, { params: { path: { id }, header: { 'If-Match': etag(version) } } })));
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status };
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // not JSON: the status says enough
  }
  return new ApiError(response.status, problem);
}

/** Downloads the workbook of a template version and offers it to the browser as a file. */
export async function downloadWorkbook(id: string): Promise<void> {
  await downloadFile(`${BASE}/${id}/workbook`, { fallbackName: `template-${id}.xlsx`, accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Creates a draft from a workbook; a 422 lists every problem by cell (`Questions!C7`). */
export async function importWorkbook(file: File): Promise<Template> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await authFetch(new Request(url(`${BASE}/import`), { method: 'POST', body: form, headers: { accept: 'application/json' } }));
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as Template;
}

export type Contract = Schemas['ContractDto'];

/** The active contracts whose buyers the user's authority is (awarding or participating): those it may issue questionnaires under. */
export async function listIssuableContracts(): Promise<Contract[]> {
  const items: Contract[] = [];
  let after: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/contracts', { params: { query: { status: 'active', limit: 100, after } } }));
    items.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after && items.length < 1000);
  return items.filter((c) => c.role === 'authority' || c.role === 'participant');
}

export type IssuedAssessment = Schemas['AssessmentSummaryDto'];

export async function issueAssessments(templateId: string, contractIds: string[], dueDate: string): Promise<IssuedAssessment[]> {
  if (contractIds.length === 1) {
    const one = unwrap(await api.POST('/api/v1/assessments', { body: { templateId, contractId: contractIds[0], dueDate } }));
    return [one as unknown as IssuedAssessment];
  }
  return unwrap(await api.POST('/api/v1/assessments/bulk', { body: { templateId, contractIds, dueDate } }));
}
