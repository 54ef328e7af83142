import type { ClientBase } from 'pg';
import { AssessmentRating, StoredAnswer } from '@ddp/questionnaires';
import { answerRevision, GeneratedAnswers, SupplierProfile, SUPPLIER_PROFILES, TemplatePlan } from './answers';
import { AddressBook, contractFacts, ContractFacts, defaultRows, defaultsTable, mailTable, penaltiesTable, reminder, remindersTable, sentMail } from './contracts';
import { orgId, userId, USERS_PER_ORGANISATION } from './organisations';
import { addDaysTo, at, minDate, Plan } from './plan';
import { generatedId, randomFor, Random } from './random';
import { assessmentLanguage } from './realism';
import { TableRows } from './writer';

export interface AssessmentTables {
  assessments: TableRows;
  revisions: TableRows;
  answers: TableRows;
  /** Revisions marked submitted after their answers are in (submitted answers refuse inserts). */
  submittedRevisions: TableRows;
  comments: TableRows;
  shares: TableRows;
  findings: TableRows;
  plans: TableRows;
  planFindings: TableRows;
  actions: TableRows;
  defaults: TableRows;
  penalties: TableRows;
  reminders: TableRows;
  mails: TableRows;
}

export function assessmentTables(): AssessmentTables {
  return {
    assessments: new TableRows('assessments', [
      ['id', 'uuid'], ['contract_id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['template_id', 'uuid'], ['status', 'text'], ['due_date', 'date'], ['language', 'text'], ['revision', 'int'], ['version', 'int'],
      ['colour', 'text'], ['score', 'numeric'], ['issued_by', 'uuid'], ['issued_at', 'timestamptz'], ['submitted_at', 'timestamptz'], ['accepted_at', 'timestamptz'], ['accepted_by', 'uuid'], ['withdrawn_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    revisions: new TableRows('assessment_revisions', [
      ['assessment_id', 'uuid'], ['number', 'int'], ['opened_at', 'timestamptz'], ['submitted_by', 'uuid'], ['colour', 'text'], ['score', 'numeric'], ['rating', 'jsonb'], ['decision', 'text'], ['decided_at', 'timestamptz'], ['decided_by', 'uuid'],
    ]),
    answers: new TableRows('assessment_answers', [
      ['assessment_id', 'uuid'], ['revision', 'int'], ['question_code', 'text'], ['value', 'jsonb'], ['not_applicable', 'boolean'], ['comment', 'text'], ['colour', 'text'], ['red_flag', 'boolean'], ['updated_by', 'uuid'], ['updated_at', 'timestamptz'],
    ]),
    submittedRevisions: new TableRows('assessment_revisions', [['assessment_id', 'uuid'], ['number', 'int'], ['submitted_at', 'timestamptz']], markSubmitted),
    comments: new TableRows('review_comments', [['id', 'uuid'], ['assessment_id', 'uuid'], ['revision', 'int'], ['question_code', 'text'], ['text', 'text'], ['author_id', 'uuid'], ['organisation_id', 'uuid'], ['created_at', 'timestamptz']]),
    shares: new TableRows('assessment_shares', [['id', 'uuid'], ['assessment_id', 'uuid'], ['authority_id', 'uuid'], ['shared_by', 'uuid'], ['shared_at', 'timestamptz'], ['revoked_by', 'uuid'], ['revoked_at', 'timestamptz']]),
    findings: new TableRows('findings', [
      ['id', 'uuid'], ['contract_id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['assessment_id', 'uuid'], ['question_code', 'text'], ['revision', 'int'], ['source', 'text'], ['severity', 'text'], ['theme', 'text'],
      ['title', 'text'], ['answer', 'jsonb'], ['status', 'text'], ['created_by', 'uuid'], ['created_by_organisation_id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['plan_due_date', 'date'], ['closed_at', 'timestamptz'],
    ]),
    plans: new TableRows('action_plans', [
      ['id', 'uuid'], ['contract_id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['status', 'text'], ['root_cause', 'text'], ['created_on', 'date'], ['rejection_comments', 'text'], ['version', 'int'], ['created_by', 'uuid'],
      ['created_by_organisation_id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['submitted_at', 'timestamptz'], ['submitted_on', 'date'], ['approved_at', 'timestamptz'], ['approved_by', 'uuid'], ['verified_at', 'timestamptz'], ['verified_by', 'uuid'],
    ]),
    planFindings: new TableRows('action_plan_findings', [['plan_id', 'uuid'], ['finding_id', 'uuid']]),
    actions: new TableRows('plan_actions', [
      ['id', 'uuid'], ['plan_id', 'uuid'], ['position', 'int'], ['description', 'text'], ['owner', 'text'], ['due_date', 'date'], ['status', 'text'], ['proposed_by', 'text'], ['version', 'int'], ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'], ['done_at', 'timestamptz'], ['done_on', 'date'], ['verified_at', 'timestamptz'], ['verified_by', 'uuid'],
    ]),
    defaults: defaultsTable(),
    penalties: penaltiesTable(),
    reminders: remindersTable(),
    mails: mailTable(),
  };
}

/** Marks revisions submitted once their answers are in (the answers trigger refuses inserts into a submitted revision). */
async function markSubmitted(client: ClientBase, rows: unknown[][]): Promise<number> {
  await client.query(
    `UPDATE assessment_revisions v SET submitted_at = t.at FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS t(id, number, at) WHERE v.assessment_id = t.id AND v.number = t.number`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
  return 0;
}

export const assessmentId = (plan: Plan, i: number): string => generatedId(plan.seed, 'assessment', i);

/** Each supplier answers in the manner of its profile, the same in every assessment. */
export function supplierProfile(plan: Plan, supplier: number): SupplierProfile {
  return randomFor(plan.seed, 'supplier-profile', supplier).weighted({ good: SUPPLIER_PROFILES.good.share, medium: SUPPLIER_PROFILES.medium.share, poor: SUPPLIER_PROFILES.poor.share });
}

type Status = 'issued' | 'in_progress' | 'submitted' | 'clarification_requested' | 'accepted' | 'withdrawn';

interface Revision {
  number: number;
  openedOn: string;
  answers: GeneratedAnswers;
  submittedOn: string | null;
  decision: 'accepted' | 'clarification_requested' | null;
  decidedOn: string | null;
}

const ROOT_CAUSES = [
  'Overtime driven by peak orders from the brand; no capacity planning with the assembly site.',
  'Recruitment agencies in the workers’ home country charge fees the factory did not monitor.',
  'The smelter list of the battery supplier was not checked against the RMAP list.',
  'No grievance mechanism in the workers’ languages at the component plant.',
  'Safety training for chemical handling not repeated after staff turnover.',
];
const ACTIONS = [
  'Reimburse recruitment fees to all affected workers',
  'Introduce a weekly working-hours cap of 60 hours, monitored by payroll data',
  'Commission an independent RBA validated audit of the site',
  'Set up a worker hotline run by a third party',
  'Replace the non-conformant smelter or obtain its RMAP conformance',
  'Train line supervisors on freedom of association',
  'Publish the list of tier-1 production sites',
];
const OWNERS = ['Site HR manager', 'Group sustainability officer', 'Supplier quality engineer', 'Compliance manager EMEA', 'Plant director'];

const rowValue = (answer: StoredAnswer): string | null => (answer.notApplicable || answer.value === null ? null : JSON.stringify(answer.value));

function ratingJson(rating: AssessmentRating): string {
  return JSON.stringify({ sections: rating.sections, redFlags: rating.redFlags });
}

export function assessmentRows(plan: Plan, t: AssessmentTables, templates: TemplatePlan[], i: number, address: AddressBook): void {
  const { contract, cycle, cycles } = plan.contractOfAssessment(i);
  const f = contractFacts(plan, contract);
  const r = randomFor(plan.seed, 'assessment', i);
  const id = assessmentId(plan, i);
  const latest = cycle === cycles - 1;
  const base = addDaysTo(plan.today, -(cycles - 1 - cycle) * 365 - r.int(latest ? 0 : 20, latest ? 150 : 200));
  const issuedOn = minDate(base < f.startDate ? f.startDate : base, plan.today);
  const due = addDaysTo(issuedOn, 60);
  const status: Status = latest ? r.weighted<Status>({ accepted: 35, submitted: 20, clarification_requested: 8, in_progress: 17, issued: 15, withdrawn: 5 }) : r.chance(0.95) ? 'accepted' : 'withdrawn';
  const clamp = (date: string): string => minDate(date, plan.today);
  const template = templates[f.family];
  const profile = supplierProfile(plan, f.supplier);
  const officer = userId(plan, 'authority', f.authority, r.int(0, USERS_PER_ORGANISATION.authority - 1));
  const answerer = userId(plan, 'supplier', f.supplier, r.int(0, USERS_PER_ORGANISATION.supplier - 1));

  const revisions: Revision[] = [];
  const sub1 = clamp(addDaysTo(issuedOn, r.int(5, 55)));
  if (status === 'issued') revisions.push({ number: 1, openedOn: issuedOn, answers: answerRevision(template, profile, r, 0), submittedOn: null, decision: null, decidedOn: null });
  else if (status === 'in_progress' || status === 'withdrawn') {
    revisions.push({ number: 1, openedOn: issuedOn, answers: answerRevision(template, profile, r, status === 'withdrawn' ? r.next() * 0.5 : 0.3 + r.next() * 0.6), submittedOn: null, decision: null, decidedOn: null });
  } else {
    const first = answerRevision(template, profile, r, 1);
    const twoRounds = status === 'clarification_requested' || (status === 'accepted' && r.chance(0.1));
    if (!twoRounds) {
      revisions.push({ number: 1, openedOn: issuedOn, answers: first, submittedOn: sub1, decision: status === 'accepted' ? 'accepted' : null, decidedOn: status === 'accepted' ? clamp(addDaysTo(sub1, r.int(2, 20))) : null });
    } else {
      const dec1 = clamp(addDaysTo(sub1, r.int(2, 10)));
      revisions.push({ number: 1, openedOn: issuedOn, answers: first, submittedOn: sub1, decision: 'clarification_requested', decidedOn: dec1 });
      const sub2 = status === 'accepted' ? clamp(addDaysTo(dec1, r.int(2, 15))) : null;
      revisions.push({ number: 2, openedOn: dec1, answers: first, submittedOn: sub2, decision: sub2 ? 'accepted' : null, decidedOn: sub2 ? clamp(addDaysTo(sub2, r.int(1, 10))) : null });
    }
  }
  const current = revisions[revisions.length - 1];
  const submitted = [...revisions].reverse().find((v) => v.submittedOn);
  const acceptedOn = status === 'accepted' ? current.decidedOn : null;
  const withdrawnOn = status === 'withdrawn' ? clamp(addDaysTo(issuedOn, r.int(3, 40))) : null;
  const lastChange = withdrawnOn ?? acceptedOn ?? current.decidedOn ?? current.submittedOn ?? (status === 'in_progress' ? clamp(addDaysTo(issuedOn, r.int(1, 30))) : issuedOn);
  const rating = current.answers.rating;
  t.assessments.add(
    id, f.id, f.authorityId, f.supplierId, f.templateId, status, due, assessmentLanguage(f.language), current.number, 1 + revisions.length * 2 + (status === 'issued' ? -2 : 0), rating.colour, rating.score,
    officer, at(issuedOn, 9), submitted ? at(submitted.submittedOn!, 16) : null, acceptedOn ? at(acceptedOn, 11) : null, acceptedOn ? officer : null, withdrawnOn ? at(withdrawnOn, 10) : null, at(lastChange, 16),
  );
  for (const v of revisions) {
    t.revisions.add(id, v.number, at(v.openedOn, 9), v.submittedOn ? answerer : null, v.answers.rating.colour, v.answers.rating.score, ratingJson(v.answers.rating), v.decision, v.decidedOn ? at(v.decidedOn, 11) : null, v.decidedOn ? officer : null);
    const colours = new Map(v.answers.rating.answers.map((a) => [a.questionCode, a]));
    const answeredAt = at(v.submittedOn ?? lastChange, 15);
    for (const [code, answer] of v.answers.answers) {
      const rated = colours.get(code)!;
      t.answers.add(id, v.number, code, rowValue(answer), answer.notApplicable, answer.comment, rated.colour, rated.redFlag, answerer, answeredAt);
    }
    if (v.submittedOn) t.submittedRevisions.add(id, v.number, at(v.submittedOn, 16));
    if (v.decision === 'clarification_requested') clarificationComments(plan, t, f, r, id, v, officer);
  }
  sentMail(plan, t.mails, `issued:${id}`, f.supplierId, address('supplier', f.supplier), 'assessment_issued', 'New due-diligence questionnaire', `A questionnaire is due on ${due}.`, at(issuedOn, 9));
  if (submitted) {
    findingsAndPlans(plan, t, f, r, id, template, submitted, revisions[0].submittedOn!, status, latest, answerer, officer);
    shares(plan, t, f, r, id, submitted.submittedOn!);
  }
  if (status === 'issued' || status === 'in_progress' || status === 'clarification_requested') openDeadline(plan, t, f, r, id, cycle, due, address);
}

function clarificationComments(plan: Plan, t: AssessmentTables, f: ContractFacts, r: Random, id: string, v: Revision, officer: string): void {
  const flagged = v.answers.rating.answers.filter((a) => a.colour === 'red' || a.colour === 'amber');
  const codes = flagged.length ? flagged.slice(0, 3).map((a) => a.questionCode) : [...v.answers.answers.keys()].slice(0, 1);
  codes.forEach((code, k) =>
    t.comments.add(generatedId(plan.seed, 'comment', `${id}:${k}`), id, v.number, code, r.pick(['Please upload the audit report supporting this answer.', 'Which sites does this answer cover?', 'Please explain the corrective measures taken.']), officer, f.authorityId, at(v.decidedOn!, 10)),
  );
}

/** An open questionnaire near or past its due date: reminders, and for a missed one a proposed default. */
function openDeadline(plan: Plan, t: AssessmentTables, f: ContractFacts, r: Random, id: string, cycle: number, due: string, address: AddressBook): void {
  if (due < plan.today) {
    reminder(plan, t, f, 'assessment', id, due, 'missed', addDaysTo(due, 1), address);
    if (r.chance(0.5)) {
      defaultRows(plan, t, f, r, `assessment:${id}`, { origin: 'missed_deadline', subject: 'assessment', subjectId: id, missedDeadline: due, occurredOn: addDaysTo(due, 1), failing: `The questionnaire due on ${due} was not submitted.`, number: 500 + cycle }, address);
    }
  } else if (due <= addDaysTo(plan.today, 7)) {
    reminder(plan, t, f, 'assessment', id, due, 'due_in_7', addDaysTo(due, -7), address);
  }
}

/** What the app records at a submission: one finding per red (high) or amber (medium) answer; plans for the high ones. */
function findingsAndPlans(
  plan: Plan, t: AssessmentTables, f: ContractFacts, r: Random, id: string, template: TemplatePlan, v: Revision, firstSubmittedOn: string, status: Status, latest: boolean, answerer: string, officer: string,
): void {
  const questions = new Map(template.definition.sections.flatMap((s) => s.questions.map((q) => [q.code, q] as const)));
  const language = assessmentLanguage(f.language);
  const highs: { id: string; status: string }[] = [];
  const planned = r.chance(0.75);
  const planStatus = r.weighted({ draft: 15, submitted: 20, approved: 40, rejected: 5, verified: 20 });
  for (const rated of v.answers.rating.answers) {
    if (rated.colour !== 'red' && rated.colour !== 'amber') continue;
    const question = questions.get(rated.questionCode)!;
    const high = rated.colour === 'red';
    const reviewed = status === 'accepted';
    let findingStatus = reviewed ? r.weighted(latest ? { open: 60, resolved: 15, closed: 25 } : { open: 25, resolved: 10, closed: 65 }) : 'open';
    if (high && planned) findingStatus = planStatus === 'verified' ? 'closed' : planStatus === 'approved' && findingStatus === 'closed' ? 'resolved' : findingStatus === 'closed' ? 'open' : findingStatus;
    const findingId = generatedId(plan.seed, 'finding', `${id}:${rated.questionCode}`);
    const closedOn = findingStatus === 'closed' ? minDate(addDaysTo(firstSubmittedOn, r.int(30, 200)), plan.today) : null;
    const answer = v.answers.answers.get(rated.questionCode);
    t.findings.add(
      findingId, f.id, f.authorityId, f.supplierId, id, rated.questionCode, v.number, 'assessment', high ? 'high' : 'medium', question.theme,
      (question.text[language] ?? question.text.en ?? rated.questionCode).slice(0, 300), JSON.stringify({ value: answer?.value ?? null, colour: rated.colour, redFlag: rated.redFlag }), findingStatus, answerer, f.supplierId,
      at(firstSubmittedOn, 16), at(closedOn ?? v.submittedOn!, 16), high ? addDaysTo(firstSubmittedOn, f.terms.planDeadlineDays) : null, closedOn ? at(closedOn, 12) : null,
    );
    if (high) highs.push({ id: findingId, status: findingStatus });
  }
  if (highs.length && planned) actionPlan(plan, t, f, r, id, highs.slice(0, 5), planStatus, firstSubmittedOn, answerer, officer);
}

function actionPlan(plan: Plan, t: AssessmentTables, f: ContractFacts, r: Random, assessment: string, findings: { id: string }[], wanted: string, submittedOn: string, answerer: string, officer: string): void {
  const createdOn = minDate(addDaysTo(submittedOn, r.int(3, 25)), plan.today);
  const step = (days: number): string | null => (addDaysTo(createdOn, days) <= plan.today ? addDaysTo(createdOn, days) : null);
  // A state is only reached if its date has come (the plan may be younger than its status wants).
  let status = wanted;
  if (status === 'verified' && !step(90)) status = 'approved';
  if ((status === 'approved' || status === 'rejected') && !step(8)) status = 'submitted';
  if (status === 'submitted' && !step(3)) status = 'draft';
  const planId = generatedId(plan.seed, 'plan', assessment);
  const submittedAt = status !== 'draft' ? step(3) : null;
  const approvedOn = status === 'approved' || status === 'verified' ? step(8) : null;
  const verifiedOn = status === 'verified' ? step(90) : null;
  const version = { draft: 1, submitted: 2, rejected: 3, approved: 3, verified: 4 }[status]!;
  t.plans.add(
    planId, f.id, f.authorityId, f.supplierId, status, r.pick(ROOT_CAUSES), createdOn, status === 'rejected' ? 'The plan does not address the root cause; add a timeline per site.' : null, version, answerer, f.supplierId,
    at(createdOn, 9), at(verifiedOn ?? (status === 'rejected' ? step(8)! : null) ?? approvedOn ?? submittedAt ?? createdOn, 12), submittedAt ? at(submittedAt, 10) : null, submittedAt,
    approvedOn ? at(approvedOn, 11) : null, approvedOn ? officer : null, verifiedOn ? at(verifiedOn, 11) : null, verifiedOn ? officer : null,
  );
  for (const finding of findings) t.planFindings.add(planId, finding.id);
  const count = r.int(1, 4);
  for (let position = 1; position <= count; position++) {
    const dueDate = addDaysTo(createdOn, 30 * position);
    const actionStatus = status === 'verified' ? 'verified' : status === 'approved' ? (dueDate < plan.today ? r.weighted({ done: 50, in_progress: 30, planned: 20 }) : r.weighted({ planned: 60, in_progress: 40 })) : 'proposed';
    const doneOn = actionStatus === 'done' || actionStatus === 'verified' ? minDate(addDaysTo(createdOn, 25 * position), verifiedOn ?? plan.today) : null;
    t.actions.add(
      generatedId(plan.seed, 'action', `${planId}:${position}`), planId, position, r.pick(ACTIONS), `${r.pick(OWNERS)}`, dueDate, actionStatus, r.chance(0.2) ? 'authority' : 'supplier', actionStatus === 'proposed' ? 1 : 2,
      at(createdOn, 9), at(doneOn ?? createdOn, 12), doneOn ? at(doneOn, 12) : null, doneOn, actionStatus === 'verified' ? at(verifiedOn!, 11) : null, actionStatus === 'verified' ? officer : null,
    );
  }
}

/** A supplier answers once and shares: some submitted assessments are shared with other buyers. */
function shares(plan: Plan, t: AssessmentTables, f: ContractFacts, r: Random, id: string, submittedOn: string): void {
  if (!r.chance(0.06) || plan.options.authorities < 2) return;
  const taken = new Set([f.authority]);
  for (let k = r.int(1, 2); k > 0; k--) {
    const other = r.int(0, plan.options.authorities - 1);
    if (taken.has(other)) continue;
    taken.add(other);
    const sharedOn = minDate(addDaysTo(submittedOn, r.int(1, 60)), plan.today);
    const revoked = r.chance(0.05);
    t.shares.add(generatedId(plan.seed, 'share', `${id}:${other}`), id, orgId(plan, 'authority', other), userId(plan, 'supplier', f.supplier, 0), at(sharedOn, 14), revoked ? userId(plan, 'supplier', f.supplier, 0) : null, revoked ? at(sharedOn, 17) : null);
  }
}
