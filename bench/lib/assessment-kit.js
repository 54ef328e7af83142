'use strict';
/**
 * Shared by the assessment benchmarks (bench/assessment-read.bench.js, bench/answers-save.bench.js):
 * the real Nest api and the baselines' `pg` pool in their child processes, and the data set up as
 * a user would (organisations and users through the services, everything else through the HTTP
 * API). What all benchmarks share (database, child processes, rounds, statistics, the markdown
 * section of docs/benchmarks.md) is in bench/lib/bench-kit.js.
 *
 * Environment, besides the common settings of bench/lib/bench-kit.js: both children take their
 * database pool size from BENCH_POOL_SIZE, which the parent sets from its own settings.
 */
const { randomBytes } = require('node:crypto');
const bench = require('./bench-kit');

const { dist } = bench;
const PASSWORD = 'Bench-Only-Password-2026';
/** The compiled files the assessment benchmarks need besides the api's (bench.requireDist). */
const DIST_FILES = ['libs/assessments/src/assessment-view.js', 'libs/identity/src/index.js'];

const unique = () => randomBytes(4).toString('hex');

// ---------------------------------------------------------------------------------------------
// Children: the api, the baselines' pool
// ---------------------------------------------------------------------------------------------

/**
 * In the Nest child: the real api (bench.startNestApi) with the parent's pool size and limits that
 * let the setup log in freely. Its method `setUp({ assessments = 1 })` makes the data: a template
 * of `sections` × `perSection` questions and the assessments, all answered once with `answerSet`
 * (see setUpAssessments).
 */
async function serveAssessmentApi({ sections, perSection, answerSet }) {
  const { app, port } = await bench.startNestApi(
    {
      DB_POOL_SIZE: process.env.BENCH_POOL_SIZE,
      RATE_LIMIT_AUTH_PER_MINUTE: '10000',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      PUBLIC_URL: 'http://portal.bench',
    },
    { shutdownHooks: false },
  );
  return {
    port,
    close: () => app.close(),
    methods: {
      setUp: ({ assessments = 1 } = {}) => setUpAssessments(app, port, { sections, perSection, assessments, answerSet }),
    },
  };
}

/** In a baseline child: a `pg` pool on the parent's database, as large as the api's (BENCH_POOL_SIZE). */
function baselinePool() {
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: Number(process.env.BENCH_POOL_SIZE) });
  pool.on('error', () => undefined); // an idle client lost must not kill the server
  return pool;
}

// ---------------------------------------------------------------------------------------------
// Data, as a user makes it (runs in the Nest child, against its own HTTP port)
// ---------------------------------------------------------------------------------------------

/** A random, valid Belgian enterprise number (mod-97 check digits), formatted 0123.456.789. */
function belgianEnterpriseNumber() {
  const body = `0${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const digits = `${body}${String(97 - (Number(body) % 97)).padStart(2, '0')}`;
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

/**
 * A template of `sections` × `perSection` questions, languages ['en'], alternating yes_no (yes
 * green, no amber) and number (0-1000; below 40 green, else amber) questions, worst-colour roll-up.
 */
function generatedDefinition(sections, perSection) {
  const en = (text) => ({ en: text });
  return {
    languages: ['en'],
    title: en(`Bench template ${unique()} (${sections * perSection} questions)`),
    scoring: { method: 'worst' },
    sections: Array.from({ length: sections }, (_, s) => ({
      code: `S${s + 1}`,
      title: en(`Section ${s + 1}`),
      questions: Array.from({ length: perSection }, (_, q) => {
        const code = `S${s + 1}-Q${String(q + 1).padStart(3, '0')}`;
        const base = { code, theme: 'other', required: true, text: en(`Question ${code}`) };
        return q % 2 === 0
          ? { ...base, type: 'yes_no', options: [{ value: 'yes', label: en('Yes'), colour: 'green' }, { value: 'no', label: en('No'), colour: 'amber' }] }
          : { ...base, type: 'number', min: 0, max: 1000, unit: 'pcs', ranges: [{ max: 40, colour: 'green' }, { min: 40, colour: 'amber' }] };
      }),
    })),
  };
}

/** The question codes and types of a generated definition, in order. */
function questionsOf(definition) {
  return definition.sections.flatMap((s) => s.questions.map((q) => ({ code: q.code, type: q.type })));
}

/** Answers to every question: set 0 all green (yes, 10), set 1 all amber (no, 50). */
function answersFor(questions, set) {
  return questions.map((q) => ({ questionCode: q.code, value: q.type === 'yes_no' ? (set === 0 ? 'yes' : 'no') : set === 0 ? 10 : 50 }));
}

/**
 * In the Nest child: an authority and a supplier (organisations and admin users through the
 * services, as the tests do), a contract, a published template of `sections × perSection`
 * questions and `assessments` issued assessments, all through the HTTP API; then, for each
 * assessment given in `answerSets`, one save of all answers. Returns ids, tokens and versions.
 */
async function setUpAssessments(app, port, { sections, perSection, assessments, answerSet }) {
  const { OrganisationsService, PasswordService, User } = dist('libs/identity/src/index.js');
  const { Database, RequestContext } = dist('libs/core/src/index.js');
  const base = `http://127.0.0.1:${port}/api/v1`;
  const call = async (method, url, { token, body, ifMatch, expect } = {}) => {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
    const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (expect !== undefined && response.status !== expect) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 800)}`);
    return text ? JSON.parse(text) : undefined;
  };

  const system = RequestContext.system();
  const actor = async (kind, registrationNumber) => {
    const organisation = await app.get(OrganisationsService).create(system, {
      name: `Bench ${kind} ${unique()}`,
      kind,
      country: 'BE',
      preferredLanguage: 'en',
      ...(registrationNumber ? { registrationNumber } : {}),
    });
    const repo = app.get(Database).repo(system, User);
    const user = await repo.save(
      repo.create({
        organisationId: organisation.id,
        email: `admin.${unique()}@${kind.replace(/_/g, '-')}.bench`,
        name: `Bench ${kind} admin`,
        role: 'admin',
        passwordHash: await app.get(PasswordService).hash(PASSWORD),
        status: 'active',
        lastLoginAt: null,
      }),
    );
    const tokens = await call('POST', '/auth/login', { body: { email: user.email, password: PASSWORD }, expect: 200 });
    return { organisation, user, token: tokens.accessToken };
  };

  const buyer = await actor('contracting_authority');
  let supplier;
  let registration;
  for (let attempt = 0; !supplier; attempt++) {
    registration = belgianEnterpriseNumber();
    try {
      supplier = await actor('supplier', registration);
    } catch (error) {
      if (attempt > 5) throw error; // a taken number is retried; anything else surfaces
    }
  }
  const contract = await call('POST', '/contracts', {
    token: buyer.token,
    expect: 201,
    body: {
      reference: `BENCH-${unique()}`,
      title: 'Laptops 2027-2030 (benchmark)',
      supplier: { name: supplier.organisation.name, country: 'BE', registrationNumber: registration, contactEmail: `contact.${unique()}@supplier.bench` },
      startDate: '2026-01-01',
      endDate: '2035-12-31',
      valueCents: 125_000_000,
      currency: 'EUR',
    },
  });
  const definition = generatedDefinition(sections, perSection);
  const draft = await call('POST', '/questionnaire-templates', { token: buyer.token, body: { definition }, expect: 201 });
  const template = await call('POST', `/questionnaire-templates/${draft.id}/publish`, { token: buyer.token, ifMatch: draft.version, expect: 200 });
  const questions = questionsOf(definition);

  const issued = [];
  for (let i = 0; i < assessments; i++) {
    const assessment = await call('POST', '/assessments', { token: buyer.token, expect: 201, body: { contractId: contract.id, templateId: template.id, dueDate: '2034-12-31' } });
    let version = assessment.version;
    if (answerSet !== undefined) {
      const saved = await call('PUT', `/assessments/${assessment.id}/answers`, { token: supplier.token, ifMatch: version, expect: 200, body: { answers: answersFor(questions, answerSet) } });
      if (saved.answers.length !== questions.length) throw new Error(`saved ${saved.answers.length} answers, expected ${questions.length}`);
      version = saved.version;
    }
    issued.push({ id: assessment.id, version });
  }
  return {
    questions,
    assessments: issued,
    templateId: template.id,
    contractId: contract.id,
    buyer: { organisationId: buyer.organisation.id, userId: buyer.user.id, token: buyer.token },
    supplier: { organisationId: supplier.organisation.id, userId: supplier.user.id, token: supplier.token },
  };
}

module.exports = {
  DIST_FILES,
  serveAssessmentApi,
  baselinePool,
  setUpAssessments,
  generatedDefinition,
  questionsOf,
  answersFor,
};
