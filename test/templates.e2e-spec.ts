import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RequestContext } from '@ddp/core';
import { ReferenceTemplatesSeeder } from '@ddp/questionnaires';
import { apiAs, createActor, createContract, publishedTemplate, smallDefinition, TestActor, TestApp, createTestApp } from '@ddp/testing';

type Json = Record<string, unknown>;
interface FieldError {
  field: string;
  message: string;
}
interface Summary {
  id: string;
  familyId: string;
  versionNumber: number;
  status: string;
  owner: { id: string; name: string };
  isReference: boolean;
  referenceKey: string | null;
  title: string;
  questionCount: number;
  version: number;
}
interface Question {
  code: string;
  type: string;
  options?: Array<{ value: string; colour?: string; redFlag?: boolean }>;
}
interface Definition {
  languages: string[];
  title: Record<string, string>;
  sections: Array<{ code: string; questions: Question[] }>;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Sets (or, with undefined, deletes) the value at a path such as `sections[0].questions[1].code`. */
function setAt(root: object, path: string, value: unknown): void {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** smallDefinition() with the changes applied. */
function changed(...changes: Array<[path: string, value: unknown]>): Json {
  const definition = clone(smallDefinition());
  for (const [path, value] of changes) setAt(definition, path, value);
  return definition;
}

const LANGUAGE_KEYS = ['en', 'fr', 'nl'];

/** The definition in the given languages only: every translated text loses the other languages. */
function inLanguages(definition: Json, languages: string[]): Json {
  const copy = clone(definition);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > 0 && keys.every((key) => LANGUAGE_KEYS.includes(key))) {
      for (const key of keys) if (!languages.includes(key)) delete record[key];
      return;
    }
    Object.values(record).forEach(walk);
  };
  walk(copy);
  copy.languages = languages;
  return copy;
}

const questionsOf = (definition: Definition): Question[] => definition.sections.flatMap((section) => section.questions);

/** The parts of a problem that do not depend on the request (instance and requestId do). */
const problemShape = (body: Json) => ({ type: body.type, title: body.title, status: body.status, code: body.code, detail: body.detail, errors: body.errors });

describe('questionnaire templates through the API', () => {
  let t: TestApp;
  let admin: TestActor; // authority A, admin
  let member: TestActor; // authority A, member
  let otherAdmin: TestActor; // authority B, admin
  let supplier: TestActor;
  let contractId: string;
  let quickScan: Summary;
  let fullAssessment: Summary;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, 'contracting_authority', 'admin');
    member = await createActor(t, 'contracting_authority', 'member', admin.organisation);
    otherAdmin = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    contractId = (await createContract(t, admin, supplier)).id;
    const references = await request(t.http).get('/api/v1/questionnaire-templates?reference=true').set('authorization', admin.auth).expect(200);
    const byKey = (key: string) => (references.body.items as Summary[]).find((item) => item.referenceKey === key)!;
    quickScan = byKey('ict-quick-scan');
    fullAssessment = byKey('ict-full-assessment');
  });
  afterAll(() => t.close());

  const api = apiAs(() => t);

  const countTemplates = async (): Promise<number> => Number((await t.sql.query<{ n: string }>('SELECT count(*) AS n FROM questionnaire_templates')).rows[0].n);
  const countReferenceRows = async (): Promise<number> =>
    Number((await t.sql.query<{ n: string }>('SELECT count(*) AS n FROM questionnaire_templates WHERE reference_key IS NOT NULL')).rows[0].n);

  /** A new draft of authority A from smallDefinition (or the given definition). */
  const draft = async (definition: Json = smallDefinition(), actor = admin): Promise<Json & Summary & { definition: Definition }> =>
    (await api(actor).post('/questionnaire-templates', { definition }).expect(201)).body;

  const expectProblem = (response: request.Response, status: number, code: string): void => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
  };

  describe('reference templates', () => {
    it('lists the two seeded reference templates to a contracting authority', async () => {
      const res = await api(member).get('/questionnaire-templates?reference=true').expect(200);
      const items = res.body.items as Summary[];
      expect(items.map((item) => item.referenceKey).sort()).toEqual(['ict-full-assessment', 'ict-quick-scan']);
      for (const item of items) {
        expect(item).toMatchObject({ isReference: true, status: 'published', versionNumber: 1 });
        expect(item.owner.id).not.toBe(admin.organisation.id);
        expect(item).not.toHaveProperty('definition');
      }
      expect(res.body.nextCursor).toBeNull();
      // Sorted by title.
      expect(items.map((item) => item.title)).toEqual([...items.map((item) => item.title)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(quickScan.questionCount).toBeGreaterThanOrEqual(22);
      expect(quickScan.questionCount).toBeLessThanOrEqual(28);
      expect(fullAssessment.questionCount).toBeGreaterThanOrEqual(75);
      expect(fullAssessment.questionCount).toBeLessThanOrEqual(90);
    });

    it('gives each reference template with its definition in English, French and Dutch', async () => {
      for (const summary of [quickScan, fullAssessment]) {
        const res = await api(admin).get(`/questionnaire-templates/${summary.id}`).expect(200);
        expect(res.headers.etag).toBe(`"${summary.version}"`);
        expect(res.body).toMatchObject({ id: summary.id, isReference: true, status: 'published', referenceKey: summary.referenceKey, questionCount: summary.questionCount });
        const definition = res.body.definition as Definition;
        expect(definition.languages).toEqual(['en', 'fr', 'nl']);
        expect(Object.keys(definition.title).sort()).toEqual(['en', 'fr', 'nl']);
        expect(definition.title.en).toBe(summary.title);
        expect(questionsOf(definition)).toHaveLength(summary.questionCount);
      }
    });

    it('hides a reference template from a supplier until an assessment with it is issued to that supplier', async () => {
      const missing = await api(supplier).get(`/questionnaire-templates/${randomUUID()}`);
      const hidden = await api(supplier).get(`/questionnaire-templates/${quickScan.id}`);
      expectProblem(hidden, 404, 'not_found');
      expect(problemShape(hidden.body)).toEqual(problemShape(missing.body));
      const list = await api(supplier).get('/questionnaire-templates').expect(200);
      expect(list.body.items).toEqual([]);

      await api(admin).post('/assessments', { contractId, templateId: quickScan.id, dueDate: '2099-01-31' }).expect(201);

      const seen = await api(supplier).get(`/questionnaire-templates/${quickScan.id}`).expect(200);
      const buyerView = await api(admin).get(`/questionnaire-templates/${quickScan.id}`).expect(200);
      expect(seen.body.definition).toEqual(buyerView.body.definition);
      // The colour rules are there for the supplier to read: no hidden scoring.
      const options = questionsOf(seen.body.definition as Definition).flatMap((q) => q.options ?? []);
      expect(options.some((o) => o.colour === 'red' && o.redFlag === true)).toBe(true);
      expect(options.some((o) => o.colour === 'green')).toBe(true);
      // Only the one used: the other reference template stays hidden.
      expectProblem(await api(supplier).get(`/questionnaire-templates/${fullAssessment.id}`), 404, 'not_found');
    });

    it('does not publish the reference templates again when the platform starts again', async () => {
      const before = await countReferenceRows();
      expect(before).toBe(2);
      const published = await t.app.get(ReferenceTemplatesSeeder).seed(RequestContext.system());
      expect(published).toBe(0);
      expect(await countReferenceRows()).toBe(before);
    });
  });

  describe('create', () => {
    it('creates a draft, version 1, for an authority admin', async () => {
      const definition = smallDefinition();
      const res = await api(admin).post('/questionnaire-templates', { definition }).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        status: 'draft',
        version: 1,
        versionNumber: 1,
        owner: { id: admin.organisation.id, name: admin.organisation.name },
        isReference: false,
        referenceKey: null,
        title: (definition.title as Record<string, string>).en,
        questionCount: 6,
        publishedAt: null,
      });
      expect(res.body.definition).toEqual(definition);
      const stored = await t.sql.query('SELECT status, owner_id, created_by FROM questionnaire_templates WHERE id = $1', [res.body.id]);
      expect(stored.rows).toEqual([{ status: 'draft', owner_id: admin.organisation.id, created_by: admin.user.id }]);
    });

    it('refuses an authority member and a supplier with 403, storing nothing', async () => {
      const before = await countTemplates();
      expectProblem(await api(member).post('/questionnaire-templates', { definition: smallDefinition() }), 403, 'forbidden');
      expectProblem(await api(supplier).post('/questionnaire-templates', { definition: smallDefinition() }), 403, 'forbidden');
      expect(await countTemplates()).toBe(before);
    });

    it('copies a reference template into a draft owned by the authority', async () => {
      const reference = await api(admin).get(`/questionnaire-templates/${quickScan.id}`).expect(200);
      const res = await api(admin).post('/questionnaire-templates', { copyOf: quickScan.id }).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        status: 'draft',
        version: 1,
        versionNumber: 1,
        owner: { id: admin.organisation.id },
        isReference: false,
        referenceKey: null,
        title: quickScan.title,
        questionCount: quickScan.questionCount,
      });
      expect(res.body.id).not.toBe(quickScan.id);
      expect(res.body.familyId).not.toBe(quickScan.familyId);
      expect(res.body.definition).toEqual(reference.body.definition);
      // The reference template itself is untouched.
      const after = await api(admin).get(`/questionnaire-templates/${quickScan.id}`).expect(200);
      expect(after.body).toEqual(reference.body);
    });

    it('does not copy another authority’s template, answering as for a missing id', async () => {
      const foreign = await draft(smallDefinition(), otherAdmin);
      const before = await countTemplates();
      const res = await api(admin).post('/questionnaire-templates', { copyOf: foreign.id });
      const missing = await api(admin).post('/questionnaire-templates', { copyOf: randomUUID() });
      expectProblem(res, 404, 'not_found');
      expect(problemShape(res.body)).toEqual(problemShape(missing.body));
      expect(await countTemplates()).toBe(before);
    });

    it.each<[string, Json]>([
      ['neither definition nor copyOf', {}],
      ['both definition and copyOf', { definition: smallDefinition(), copyOf: randomUUID() }],
    ])('answers 400 to %s', async (_case, body) => {
      const before = await countTemplates();
      const res = await api(admin).post('/questionnaire-templates', body);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors.map((e: FieldError) => e.field)).toEqual(['definition']);
      expect(await countTemplates()).toBe(before);
    });

    it('answers 400 to an unknown property of the body', async () => {
      const before = await countTemplates();
      const res = await api(admin).post('/questionnaire-templates', { definition: smallDefinition(), extra: 1 });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors.map((e: FieldError) => e.field)).toEqual(['extra']);
      expect(await countTemplates()).toBe(before);
    });
  });

  describe('validation of a definition', () => {
    const q = (section: number, question: number): string => `sections[${section}].questions[${question}]`;
    const at = (path: string): string => `definition.${path}`;
    const { options: fl03Options } = (smallDefinition().sections as Array<{ questions: Array<{ options?: unknown[] }> }>)[0].questions[2];

    it.each<[string, () => Json, FieldError[]]>([
      ['an unknown property at the root', () => changed(['extra', 1]), [{ field: 'definition.extra', message: 'extra is not a known property' }]],
      [
        'an unknown property deep inside a question',
        () => changed([`${q(1, 0)}.hint`, 'x'], [`${q(0, 2)}.options[1].shade`, 'dark']),
        [
          { field: at(`${q(0, 2)}.options[1].shade`), message: 'shade is not a known property' },
          { field: at(`${q(1, 0)}.hint`), message: 'hint is not a known property' },
        ],
      ],
      [
        'a question code used twice',
        () => changed([`${q(1, 0)}.code`, 'FL-01']),
        [{ field: at(`${q(1, 0)}.code`), message: 'code repeats "FL-01", already given at sections[0].questions[0].code' }],
      ],
      [
        'a question code that does not match the pattern',
        () => changed([`${q(0, 0)}.code`, 'fl-01']),
        [{ field: at(`${q(0, 0)}.code`), message: 'code must be a code of a capital letter then up to 39 capitals, digits, _, . or - (such as HS_1)' }],
      ],
      ['a yes_no option other than yes and no', () => changed([`${q(0, 0)}.options[1].value`, 'nope']), [{ field: at(`${q(0, 0)}.options[1].value`), message: 'value must be one of yes, no' }]],
      [
        'a yes_no question with a third option',
        () => changed([`${q(0, 0)}.options[2]`, { value: 'maybe', label: { en: 'Maybe', fr: 'Peut-être', nl: 'Misschien' } }]),
        [{ field: at(`${q(0, 0)}.options`), message: 'options must hold exactly the two options yes and no' }],
      ],
      [
        'a single_choice question with one option',
        () => changed([`${q(0, 2)}.options`, [clone(fl03Options![0])]]),
        [{ field: at(`${q(0, 2)}.options`), message: 'options must hold at least 2 options' }],
      ],
      ['an option colour purple', () => changed([`${q(0, 2)}.options[1].colour`, 'purple']), [{ field: at(`${q(0, 2)}.options[1].colour`), message: 'colour must be one of green, amber, red' }]],
      ['a red flag on a green option', () => changed([`${q(0, 2)}.options[0].redFlag`, true]), [{ field: at(`${q(0, 2)}.options[0].colour`), message: 'colour must be red when redFlag is true' }]],
      ['a number question with min above max', () => changed([`${q(1, 0)}.min`, 200]), [{ field: at(`${q(1, 0)}.max`), message: 'max must not be less than min (200)' }]],
      [
        'a condition on a missing question',
        () => changed([`${q(0, 2)}.condition.questionCode`, 'FL-99']),
        [{ field: 'definition.sections[0].questions[2].condition.questionCode', message: 'condition.questionCode must name a question of this template' }],
      ],
      [
        'a condition cycle',
        () => changed([`${q(0, 1)}.condition`, { questionCode: 'FL-03', anyOf: ['worker'] }]),
        [
          { field: at(`${q(0, 1)}.condition`), message: 'condition forms a cycle: FL-02 -> FL-03 -> FL-02' },
          { field: at(`${q(0, 2)}.condition`), message: 'condition forms a cycle: FL-03 -> FL-02 -> FL-03' },
        ],
      ],
      [
        'a condition value that is not an option of its question',
        () => changed([`${q(0, 2)}.condition.anyOf`, ['maybe']]),
        [{ field: at(`${q(0, 2)}.condition.anyOf[0]`), message: 'condition.anyOf[0] must be an option value of FL-02 (yes, no)' }],
      ],
      [
        'a text missing a declared language',
        () => {
          const definition = inLanguages(smallDefinition(), ['en', 'fr']);
          setAt(definition, `${q(1, 1)}.text.fr`, undefined);
          return definition;
        },
        [{ field: at(`${q(1, 1)}.text.fr`), message: 'text.fr is required: the template is in en, fr' }],
      ],
      ['no language', () => changed(['languages', []]), [{ field: 'definition.languages', message: 'languages must hold at least one language' }]],
      [
        'weighted scoring with redBelow above amberBelow',
        () => changed(['scoring', { method: 'weighted', amberBelow: 50, redBelow: 60 }]),
        [{ field: 'definition.scoring.redBelow', message: 'scoring.redBelow must not be greater than amberBelow (50)' }],
      ],
      ['an empty sections list', () => changed(['sections', []]), [{ field: 'definition.sections', message: 'sections must hold at least one section' }]],
      ['a section without questions', () => changed(['sections[1].questions', []]), [{ field: 'definition.sections[1].questions', message: 'questions must hold at least one question' }]],
    ])('rejects %s with 400 naming the field, storing nothing', async (_case, make, errors) => {
      const before = await countTemplates();
      const res = await api(admin).post('/questionnaire-templates', { definition: make() });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual(errors);
      expect(await countTemplates()).toBe(before);
    });

    it('accepts the same definition in English and French only (the control of the translation case)', async () => {
      const res = await api(admin).post('/questionnaire-templates', { definition: inLanguages(smallDefinition(), ['en', 'fr']) }).expect(201);
      expect(res.body.definition.languages).toEqual(['en', 'fr']);
    });

    it('rejects an invalid definition on PUT too, leaving the draft as it was', async () => {
      const created = await draft();
      const res = await api(admin).put(`/questionnaire-templates/${created.id}`, { definition: changed(['sections', []]) }, created.version);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors.map((e: FieldError) => e.field)).toEqual(['definition.sections']);
      const after = await api(admin).get(`/questionnaire-templates/${created.id}`).expect(200);
      expect(after.body).toMatchObject({ version: 1, definition: created.definition });
    });
  });

  describe('editing a draft', () => {
    it('requires If-Match (428), refuses a stale one (412) and takes the current one (200, version + 1)', async () => {
      const created = await draft();
      const edited = changed(['title', { en: 'Edited title', fr: 'Titre modifié', nl: 'Gewijzigde titel' }]);

      const missing = await api(admin).put(`/questionnaire-templates/${created.id}`, { definition: edited });
      expectProblem(missing, 428, 'precondition_required');

      const stale = await api(admin).put(`/questionnaire-templates/${created.id}`, { definition: edited }, created.version + 5);
      expectProblem(stale, 412, 'precondition_failed');

      const unchanged = await api(admin).get(`/questionnaire-templates/${created.id}`).expect(200);
      expect(unchanged.body).toMatchObject({ version: 1, title: created.title, definition: created.definition });

      const ok = await api(admin).put(`/questionnaire-templates/${created.id}`, { definition: edited }, created.version).expect(200);
      expect(ok.headers.etag).toBe('"2"');
      expect(ok.body).toMatchObject({ id: created.id, familyId: created.familyId, versionNumber: 1, status: 'draft', version: 2, title: 'Edited title' });
      expect(ok.body.definition).toEqual(edited);

      // The version read before the edit is stale now.
      expectProblem(await api(admin).put(`/questionnaire-templates/${created.id}`, { definition: smallDefinition() }, created.version), 412, 'precondition_failed');
      const after = await api(admin).get(`/questionnaire-templates/${created.id}`).expect(200);
      expect(after.body).toMatchObject({ version: 2, title: 'Edited title' });
    });
  });

  describe('publishing and versions', () => {
    it('publishes a draft once; a published version never changes and a PUT starts the next draft version', async () => {
      const created = await draft();
      const published = await api(admin).post(`/questionnaire-templates/${created.id}/publish`).expect(200);
      expect(published.body).toMatchObject({ id: created.id, status: 'published', versionNumber: 1 });
      expect(published.body.publishedAt).toEqual(expect.any(String));
      expect(published.headers.etag).toBe(`"${published.body.version}"`);

      const again = await api(admin).post(`/questionnaire-templates/${created.id}/publish`);
      expectProblem(again, 409, 'invalid_state');

      const next = changed(['title', { en: 'Version two', fr: 'Version deux', nl: 'Versie twee' }]);
      const before = await countTemplates();
      const v2 = await api(admin).put(`/questionnaire-templates/${created.id}`, { definition: next }).expect(201);
      expect(await countTemplates()).toBe(before + 1);
      expect(v2.body.id).not.toBe(created.id);
      expect(v2.headers.location).toBe(`/api/v1/questionnaire-templates/${v2.body.id}`);
      expect(v2.headers.etag).toBe(`"${v2.body.version}"`);
      expect(v2.body).toMatchObject({ familyId: created.familyId, versionNumber: 2, status: 'draft', title: 'Version two', owner: { id: admin.organisation.id }, publishedAt: null });
      expect(v2.body.definition).toEqual(next);

      // The published version is as it was.
      const v1 = await api(admin).get(`/questionnaire-templates/${created.id}`).expect(200);
      expect(v1.body).toEqual(published.body);
      expect(v1.body.definition).toEqual(created.definition);

      // One draft per family: a second PUT on the published version is a conflict.
      const second = await api(admin).put(`/questionnaire-templates/${created.id}`, { definition: smallDefinition() });
      expectProblem(second, 409, 'invalid_state');
      expect(await countTemplates()).toBe(before + 1);

      // The draft is edited as a draft.
      const v2edited = await api(admin).put(`/questionnaire-templates/${v2.body.id}`, { definition: smallDefinition() }, v2.body.version).expect(200);
      expect(v2edited.body).toMatchObject({ id: v2.body.id, versionNumber: 2, version: v2.body.version + 1 });

      // Every change is traceable.
      const audit = await t.sql.query<{ entity_id: string; action: string; actor_user_id: string }>(
        `SELECT entity_id, action, actor_user_id FROM audit_events WHERE entity_type = 'questionnaire_template' AND entity_id = ANY($1::text[]) ORDER BY seq`,
        [[created.id, v2.body.id]],
      );
      expect(audit.rows).toEqual([
        { entity_id: created.id, action: 'template.created', actor_user_id: admin.user.id },
        { entity_id: created.id, action: 'template.published', actor_user_id: admin.user.id },
        { entity_id: v2.body.id, action: 'template.version_created', actor_user_id: admin.user.id },
        { entity_id: v2.body.id, action: 'template.updated', actor_user_id: admin.user.id },
      ]);
    });

    it('starts one next draft when two edits of a published version race', async () => {
      const { id } = await publishedTemplate(t, admin);
      const before = await countTemplates();
      const [a, b] = await Promise.all([
        api(admin).put(`/questionnaire-templates/${id}`, { definition: smallDefinition() }),
        api(admin).put(`/questionnaire-templates/${id}`, { definition: smallDefinition() }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect((a.status === 409 ? a : b).body.code).toBe('invalid_state');
      expect(await countTemplates()).toBe(before + 1);
    });

    it('refuses to change a published version directly in SQL (trigger)', async () => {
      const { id } = await publishedTemplate(t, admin);
      await expect(t.sql.query(`UPDATE questionnaire_templates SET title = 'x' WHERE id = $1`, [id])).rejects.toThrow(/immutable/);
      await expect(t.sql.query(`DELETE FROM questionnaire_templates WHERE id = $1`, [id])).rejects.toThrow(/immutable/);
      const { rows } = await t.sql.query<{ title: string; status: string }>('SELECT title, status FROM questionnaire_templates WHERE id = $1', [id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].title).not.toBe('x');
      expect(rows[0].status).toBe('published');
    });
  });

  describe('issuing', () => {
    it('refuses to issue a draft, naming templateId', async () => {
      const created = await draft();
      const res = await api(admin).post('/assessments', { contractId, templateId: created.id, dueDate: '2099-01-31' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'templateId', message: 'templateId is a draft: publish it before issuing it' }]);
      const { rows } = await t.sql.query('SELECT id FROM assessments WHERE template_id = $1', [created.id]);
      expect(rows).toEqual([]);
    });

    it('refuses another authority’s template as if it did not exist', async () => {
      const foreign = await publishedTemplate(t, otherAdmin);
      const res = await api(admin).post('/assessments', { contractId, templateId: foreign.id, dueDate: '2099-01-31' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'templateId', message: 'templateId names no template you may use' }]);
      const missing = await api(admin).post('/assessments', { contractId, templateId: randomUUID(), dueDate: '2099-01-31' });
      expect(problemShape(res.body)).toEqual(problemShape(missing.body));
      const { rows } = await t.sql.query('SELECT id FROM assessments WHERE template_id = $1', [foreign.id]);
      expect(rows).toEqual([]);
    });

    it('hides another authority’s draft: 404 exactly like a missing id', async () => {
      const foreign = await draft(smallDefinition(), otherAdmin);
      const hidden = await api(admin).get(`/questionnaire-templates/${foreign.id}`);
      const missing = await api(admin).get(`/questionnaire-templates/${randomUUID()}`);
      expectProblem(hidden, 404, 'not_found');
      expect(problemShape(hidden.body)).toEqual(problemShape(missing.body));
      const list = await api(admin).get('/questionnaire-templates?limit=200').expect(200);
      expect((list.body.items as Summary[]).map((item) => item.id)).not.toContain(foreign.id);
    });
  });

  describe('ownership', () => {
    it('answers 404 when another authority edits or publishes a template it cannot see', async () => {
      const created = await draft();
      const missingPut = await api(otherAdmin).put(`/questionnaire-templates/${randomUUID()}`, { definition: smallDefinition() }, 1);
      const put = await api(otherAdmin).put(`/questionnaire-templates/${created.id}`, { definition: smallDefinition() }, created.version);
      expectProblem(put, 404, 'not_found');
      expect(problemShape(put.body)).toEqual(problemShape(missingPut.body));
      const publish = await api(otherAdmin).post(`/questionnaire-templates/${created.id}/publish`);
      expectProblem(publish, 404, 'not_found');
      const after = await api(admin).get(`/questionnaire-templates/${created.id}`).expect(200);
      expect(after.body).toMatchObject({ status: 'draft', version: 1, definition: created.definition });
    });

    it('answers 403 when an authority edits or publishes a reference template it can read but does not own', async () => {
      const before = await countTemplates();
      const put = await api(admin).put(`/questionnaire-templates/${quickScan.id}`, { definition: smallDefinition() });
      expectProblem(put, 403, 'forbidden');
      const publish = await api(admin).post(`/questionnaire-templates/${quickScan.id}/publish`);
      expectProblem(publish, 403, 'forbidden');
      expect(await countTemplates()).toBe(before);
    });
  });

  describe('platform templates', () => {
    it('lets a platform admin create and publish a template that authorities then see as a reference template', async () => {
      const platform = await createActor(t, 'platform', 'admin');
      const definition = smallDefinition();
      const created = await api(platform).post('/questionnaire-templates', { definition }).expect(201);
      expect(created.body).toMatchObject({ status: 'draft', isReference: true, owner: { id: platform.organisation.id } });

      // A draft of the platform is not shown to authorities.
      expectProblem(await api(admin).get(`/questionnaire-templates/${created.body.id}`), 404, 'not_found');
      const draftList = await api(admin).get('/questionnaire-templates?reference=true').expect(200);
      expect((draftList.body.items as Summary[]).map((item) => item.id)).not.toContain(created.body.id);

      const published = await api(platform).post(`/questionnaire-templates/${created.body.id}/publish`).expect(200);
      expect(published.body).toMatchObject({ status: 'published', isReference: true });

      const list = await api(otherAdmin).get('/questionnaire-templates?reference=true').expect(200);
      const listed = (list.body.items as Summary[]).find((item) => item.id === created.body.id);
      expect(listed).toMatchObject({ isReference: true, status: 'published', referenceKey: null, title: (definition.title as Record<string, string>).en });
      const seen = await api(otherAdmin).get(`/questionnaire-templates/${created.body.id}`).expect(200);
      expect(seen.body.definition).toEqual(definition);

      // An authority may issue it like any reference template.
      await api(admin).post('/assessments', { contractId, templateId: created.body.id, dueDate: '2099-01-31' }).expect(201);
    });
  });

  describe('list', () => {
    it('pages by title with limit and after, without duplicates', async () => {
      const authority = await createActor(t, 'contracting_authority', 'admin');
      const titled = (en: string) => changed(['title', { en, fr: `${en} (fr)`, nl: `${en} (nl)` }]);
      const ids: Record<string, string> = {};
      for (const title of ['Paging B', 'Paging C', 'Paging A']) ids[title] = (await draft(titled(title), authority)).id;

      const first = await api(authority).get('/questionnaire-templates?status=draft&limit=2').expect(200);
      expect((first.body.items as Summary[]).map((item) => item.title)).toEqual(['Paging A', 'Paging B']);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await api(authority).get(`/questionnaire-templates?status=draft&limit=2&after=${encodeURIComponent(first.body.nextCursor as string)}`).expect(200);
      expect((second.body.items as Summary[]).map((item) => item.title)).toEqual(['Paging C']);
      expect(second.body.nextCursor).toBeNull();
      const all = [...first.body.items, ...second.body.items] as Summary[];
      expect(all.map((item) => item.id)).toEqual([ids['Paging A'], ids['Paging B'], ids['Paging C']]);

      // Without a status filter the reference templates are listed too, each once.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await api(authority)
          .get(`/questionnaire-templates?limit=2${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...(page.body.items as Summary[]).map((item) => item.id));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining([...Object.values(ids), quickScan.id, fullAssessment.id]));
      // Own and reference templates are merged in one order: the pages follow the single page's.
      const whole = await api(authority).get('/questionnaire-templates?limit=100').expect(200);
      expect(seen).toEqual((whole.body.items as Summary[]).map((item) => item.id));
    });

    it('refuses a cursor it did not hand out', async () => {
      const res = await api(admin).get('/questionnaire-templates?after=bm90LWEtY3Vyc29y');
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors.map((e: FieldError) => e.field)).toEqual(['after']);
    });
  });
});
