import type { Faker } from '@faker-js/faker';
import { addMonths, BonusMalusRule, ClauseTerms, computeBonusMalus, evaluateKpi, KpiDefinition, KpiResult, reportPeriods, ReportingFrequency } from '@ddp/contracts';
import type { DefaultStatus, DefaultView } from '@ddp/penalties';
import { authorityOf, orgId, supplierCountry, supplierNameOf, TEMPLATE_FAMILIES, templateId, userId, USERS_PER_ORGANISATION, type Fakers } from './organisations';
import { addDaysTo, at, daysBetween, minDate, Plan } from './plan';
import { digest, generatedId, randomFor, Random } from './random';
import { CONTRACT_SUBJECTS, COMPONENTS, FACTORY_COUNTRIES, INDUSTRIAL_CITIES, LOT_NAMES, MODEL_SERIES, PRODUCTS, type Language } from './realism';
import { TableRows } from './writer';

/** What every writer needs to know of a contract, computed from its index alone. */
export interface ContractFacts {
  index: number;
  id: string;
  authority: number;
  authorityId: string;
  supplier: number;
  supplierId: string;
  language: Language;
  timeZone: string;
  startDate: string;
  endDate: string;
  valueCents: number;
  /** The template family its assessments use (0: quick scan, 1: full assessment). */
  family: number;
  templateId: string;
  framework: boolean;
  clauseId: string;
  terms: ClauseTerms;
}

const KPIS: KpiDefinition[] = [
  { code: 'AUDITED_SITES', name: 'Tier-1 sites audited in the last 24 months', unit: 'percent', direction: 'higher', target: '80', amberThreshold: '60' },
  { code: 'GRIEVANCE_DAYS', name: 'Average days to close a worker grievance', unit: 'days', direction: 'lower', target: '30', amberThreshold: '45' },
  { code: 'OVERTIME_BREACHES', name: 'Weeks above 60 working hours at tier-1 sites', unit: 'count', direction: 'lower', target: '0', amberThreshold: '3' },
];

export function contractFacts(plan: Plan, c: number): ContractFacts {
  const r = randomFor(plan.seed, 'contract', c);
  const authority = plan.authorityOfContract(c);
  const profile = authorityOf(plan, authority);
  const startDate = addDaysTo(plan.today, -r.int(20, 1_700));
  const endDate = addDaysTo(addMonths(startDate, 12 * r.int(2, 4)), -1);
  const frequency = r.weighted<Exclude<ReportingFrequency, 'monthly'>>({ quarterly: 50, semi_annual: 30, annual: 20 });
  const kpis = KPIS.slice(0, r.int(1, 3));
  const bonusMalus: BonusMalusRule[] | undefined = r.chance(0.3) ? [{ kpiCode: 'AUDITED_SITES', bonusCentsPerUnit: 5_000, malusCentsPerUnit: 10_000, capCents: 200_000 }] : undefined;
  const terms: ClauseTerms = {
    articles: { report: 'Art. 12.3', assessment: 'Art. 12.1', action_plan: 'Art. 12.4', action: 'Art. 12.4', execution_condition: 'Art. 11' },
    reporting: { frequency, dueDays: r.pick([30, 30, 45, 60]), kpis },
    reassessment: { intervalMonths: 12, responseDays: 60 },
    noticeResponseDays: 15,
    noticeRemedyDays: 30,
    planDeadlineDays: 30,
    penalties: r.chance(0.7) ? { perDefault: { kind: 'fixed', amountCents: 250_000 } } : { perDefault: { kind: 'percent', basisPoints: 10, minCents: 100_000, maxCents: 1_000_000 } },
    lateFines: { ratePerDayBasisPoints: 7, capBasisPoints: 500, deliverableValueCents: { report: 2_500_000 } },
    ...(bonusMalus ? { bonusMalus } : {}),
  };
  const framework = profile.centralPurchasing ? r.chance(0.6) : r.chance(0.02);
  const supplier = plan.supplierOfContract(c);
  const family = r.chance(0.6) ? 0 : Math.min(1, TEMPLATE_FAMILIES - 1);
  return {
    index: c,
    id: generatedId(plan.seed, 'contract', c),
    authority,
    authorityId: orgId(plan, 'authority', authority),
    supplier,
    supplierId: orgId(plan, 'supplier', supplier),
    language: profile.language,
    timeZone: profile.timeZone,
    startDate,
    endDate,
    // 50 k€ to 20 M€, log-uniform, in cents.
    valueCents: Math.round(5_000_000 * Math.exp(r.next() * 6)),
    family,
    templateId: templateId(plan, authority, family),
    framework,
    clauseId: generatedId(plan.seed, 'clause', c),
    terms,
  };
}

export interface ContractTables {
  contracts: TableRows;
  lots: TableRows;
  participants: TableRows;
  auditors: TableRows;
  sites: TableRows;
  labels: TableRows;
  clauses: TableRows;
  obligations: TableRows;
  reports: TableRows;
  submissions: TableRows;
  settlements: TableRows;
  defaults: TableRows;
  penalties: TableRows;
  reminders: TableRows;
  mails: TableRows;
}

export const mailTable = (): TableRows =>
  new TableRows('mail_outbox', [
    ['id', 'uuid'], ['organisation_id', 'uuid'], ['template', 'text'], ['to_address', 'text'], ['subject', 'text'], ['text_body', 'text'], ['message_id', 'text'], ['status', 'text'], ['attempts', 'int'],
    ['next_attempt_at', 'timestamptz'], ['sent_at', 'timestamptz'], ['created_at', 'timestamptz'],
  ]);

export const remindersTable = (): TableRows =>
  new TableRows('deadline_reminders', [['subject', 'text'], ['subject_id', 'uuid'], ['deadline', 'date'], ['stage', 'text'], ['organisation_id', 'uuid'], ['recipients', 'int'], ['created_at', 'timestamptz']]);

export const penaltiesTable = (): TableRows =>
  new TableRows('penalties', [
    ['id', 'uuid'], ['contract_id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['kind', 'text'], ['outcome', 'text'], ['amount_cents', 'bigint'], ['computed_cents', 'bigint'], ['currency', 'text'],
    ['default_id', 'uuid'], ['settlement_id', 'uuid'], ['subject', 'text'], ['subject_id', 'uuid'], ['missed_deadline', 'date'], ['calculation', 'jsonb'], ['reasons', 'text'], ['decided_on', 'date'], ['decided_at', 'timestamptz'], ['decided_by', 'uuid'],
  ]);

export const defaultsTable = (): TableRows =>
  new TableRows('defaults', [
    ['id', 'uuid'], ['contract_id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['origin', 'text'], ['subject', 'text'], ['subject_id', 'uuid'], ['missed_deadline', 'date'], ['occurred_on', 'date'], ['failing', 'text'],
    ['status', 'text'], ['clause_id', 'uuid'], ['reference', 'text'], ['article', 'text'], ['remedy_deadline', 'date'], ['response_deadline', 'date'], ['sent_at', 'timestamptz'], ['sent_on', 'date'], ['notified_by', 'uuid'],
    ['response_text', 'text'], ['responded_at', 'timestamptz'], ['responded_by', 'uuid'], ['acknowledged_at', 'timestamptz'], ['dismissal_reasons', 'text'], ['decision', 'text'], ['decision_reasons', 'text'], ['decided_at', 'timestamptz'],
    ['decided_by', 'uuid'], ['version', 'int'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ]);

export function contractTables(): ContractTables {
  return {
    contracts: new TableRows('contracts', [
      ['id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['reference', 'text'], ['title', 'text'], ['is_framework', 'boolean'], ['start_date', 'date'], ['end_date', 'date'], ['value_cents', 'bigint'],
      ['currency', 'text'], ['time_zone', 'text'], ['status', 'text'], ['version', 'int'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    lots: new TableRows('contract_lots', [['id', 'uuid'], ['contract_id', 'uuid'], ['position', 'int'], ['name', 'text'], ['description', 'text']]),
    participants: new TableRows('contract_participants', [['contract_id', 'uuid'], ['organisation_id', 'uuid'], ['added_by', 'uuid'], ['created_at', 'timestamptz']]),
    auditors: new TableRows('contract_auditors', [['id', 'uuid'], ['contract_id', 'uuid'], ['audit_body_id', 'uuid'], ['assigned_by', 'uuid'], ['assigned_at', 'timestamptz'], ['revoked_by', 'uuid'], ['revoked_at', 'timestamptz']]),
    sites: new TableRows('production_sites', [
      ['id', 'uuid'], ['contract_id', 'uuid'], ['supplier_id', 'uuid'], ['name', 'text'], ['address', 'text'], ['country', 'text'], ['tier', 'int'], ['products', 'text', "string_to_array(%s, '|')"], ['workforce', 'int'],
      ['created_by', 'uuid'], ['created_at', 'timestamptz'],
    ]),
    labels: new TableRows('product_labels', [
      ['id', 'uuid'], ['contract_id', 'uuid'], ['label', 'text'], ['other_label', 'text'], ['product', 'text'], ['certificate_number', 'text'], ['valid_until', 'date'], ['created_by', 'uuid'], ['created_at', 'timestamptz'],
    ]),
    clauses: new TableRows('contract_clauses', [['id', 'uuid'], ['contract_id', 'uuid'], ['version_number', 'int'], ['effective_from', 'date'], ['terms', 'jsonb'], ['created_by', 'uuid'], ['created_at', 'timestamptz']]),
    obligations: new TableRows('report_obligations', [
      ['id', 'uuid'], ['contract_id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['clause_id', 'uuid'], ['period_start', 'date'], ['period_end', 'date'], ['due_date', 'date'], ['fulfilled_on', 'date'], ['created_at', 'timestamptz'],
    ]),
    reports: new TableRows('reports', [
      ['id', 'uuid'], ['obligation_id', 'uuid'], ['contract_id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['status', 'text'], ['narrative', 'text'], ['kpi_values', 'jsonb'], ['submission_count', 'int'],
      ['first_submitted_at', 'timestamptz'], ['first_submitted_on', 'date'], ['days_late', 'int'], ['version', 'int'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    submissions: new TableRows('report_submissions', [
      ['report_id', 'uuid'], ['number', 'int'], ['narrative', 'text'], ['kpi_values', 'jsonb'], ['kpi_results', 'jsonb'], ['submitted_at', 'timestamptz'], ['submitted_on', 'date'], ['submitted_by', 'uuid'], ['days_late', 'int'],
      ['decision', 'text'], ['comments', 'text'], ['decided_at', 'timestamptz'], ['decided_by', 'uuid'],
    ]),
    settlements: new TableRows('kpi_settlements', [
      ['id', 'uuid'], ['report_id', 'uuid'], ['contract_id', 'uuid'], ['authority_id', 'uuid'], ['supplier_id', 'uuid'], ['clause_id', 'uuid'], ['proposed_cents', 'bigint'], ['lines', 'jsonb'], ['status', 'text'], ['created_at', 'timestamptz'],
    ]),
    defaults: defaultsTable(),
    penalties: penaltiesTable(),
    reminders: remindersTable(),
    mails: mailTable(),
  };
}

/** A buyer's user: 0 is the admin, the others are procurement officers. */
const buyer = (plan: Plan, f: ContractFacts, r: Random): string => userId(plan, 'authority', f.authority, r.int(0, USERS_PER_ORGANISATION.authority - 1));
const supplierUser = (plan: Plan, f: ContractFacts, r: Random): string => userId(plan, 'supplier', f.supplier, r.int(0, USERS_PER_ORGANISATION.supplier - 1));

/** A mail that went out (status sent), to the supplier's admin. */
export function sentMail(plan: Plan, mails: TableRows, key: string, organisationId: string, to: string, template: string, subject: string, text: string, sentAt: string): void {
  mails.add(generatedId(plan.seed, 'mail', key), organisationId, template, to, subject, text, `<${digest(key, 24)}@portal.example>`, 'sent', 1, sentAt, sentAt, sentAt);
}

/** The supplier admin's address as written in `users` (rebuilt from the same inputs). */
export type AddressBook = (kind: 'supplier' | 'authority', n: number) => string;

function kpiValue(kpi: KpiDefinition, r: Random): string {
  switch (kpi.code) {
    case 'AUDITED_SITES':
      return String(r.int(45, 100));
    case 'GRIEVANCE_DAYS':
      return String(r.int(8, 60));
    default:
      return String(r.weighted({ 0: 70, 1: 15, 2: 8, 4: 7 }));
  }
}

export function contractRows(plan: Plan, t: ContractTables, fakers: Fakers, c: number, address: AddressBook): void {
  const f = contractFacts(plan, c);
  const r = randomFor(plan.seed, 'contract-rows', c);
  const createdOn = addDaysTo(f.startDate, -r.int(10, 40));
  const creator = buyer(plan, f, r);
  const status = f.endDate < plan.today ? 'ended' : r.chance(0.02) ? 'suspended' : 'active';
  const subjects = CONTRACT_SUBJECTS[f.language];
  const year = f.startDate.slice(0, 4);
  t.contracts.add(
    f.id, f.authorityId, f.supplierId, `${year}/ICT/${String(c).padStart(6, '0')}`, `${r.pick(subjects)} ${year}–${f.endDate.slice(0, 4)}`, f.framework, f.startDate, f.endDate, f.valueCents,
    'EUR', f.timeZone, status, status === 'active' ? 1 : 2, creator, at(createdOn, 10), at(status === 'active' ? createdOn : minDate(f.endDate, plan.today), 10),
  );
  const lots = LOT_NAMES[f.language];
  const lotCount = r.int(1, 3);
  for (let k = 1; k <= lotCount; k++) t.lots.add(generatedId(plan.seed, 'lot', `${c}:${k}`), f.id, k, lots[(c + k) % lots.length], r.chance(0.5) ? `${lots[(c + k) % lots.length]} – ${r.pick(PRODUCTS)}` : null);
  if (f.framework) {
    const taken = new Set([f.authority]);
    for (let k = r.int(1, 5); k > 0 && taken.size < plan.options.authorities; k--) {
      const other = r.int(0, plan.options.authorities - 1);
      if (taken.has(other)) continue;
      taken.add(other);
      t.participants.add(f.id, orgId(plan, 'authority', other), creator, at(addDaysTo(createdOn, r.int(1, 60)), 11));
    }
  }
  if (r.chance(0.1)) {
    const assigned = at(addDaysTo(f.startDate, r.int(0, 90)), 14);
    const revoked = r.chance(0.1) ? at(minDate(addDaysTo(f.startDate, 200), plan.today), 15) : null;
    t.auditors.add(generatedId(plan.seed, 'auditor', c), f.id, orgId(plan, 'audit', r.int(0, plan.auditBodies - 1)), creator, assigned, revoked ? creator : null, revoked && revoked > assigned ? revoked : null);
  }
  sitesAndLabels(plan, t, fakers, f, r, createdOn);
  t.clauses.add(f.clauseId, f.id, 1, f.startDate, JSON.stringify(f.terms), creator, at(createdOn, 10));
  reportsOf(plan, t, f, r, address);
  recordedDefault(plan, t, f, r, address);
}

function sitesAndLabels(plan: Plan, t: ContractTables, fakers: Fakers, f: ContractFacts, r: Random, createdOn: string): void {
  const own = supplierCountry(plan, f.supplier);
  const brand = supplierNameOf(plan, fakers, f.supplier).split(' ').slice(0, 2).join(' ');
  const faker: Faker = fakers.en;
  faker.seed(plan.seed * 104_729 + f.index);
  const sites = r.int(1, 4);
  for (let k = 0; k < sites; k++) {
    const country = own in FACTORY_COUNTRIES && r.chance(0.5) ? own : r.weighted(FACTORY_COUNTRIES);
    const city = r.pick(INDUSTRIAL_CITIES[country as keyof typeof INDUSTRIAL_CITIES]);
    const products = [r.pick(PRODUCTS), ...(r.chance(0.5) ? [r.pick(COMPONENTS)] : [])];
    t.sites.add(
      generatedId(plan.seed, 'site', `${f.index}:${k}`), f.id, f.supplierId, `${brand} ${city} ${k === 0 ? 'assembly plant' : r.pick(['component plant', 'EMS site', 'battery plant', 'packaging site'])}`.slice(0, 200),
      `${faker.location.buildingNumber()} ${faker.location.street()}, ${faker.location.zipCode('#####')} ${city}`.slice(0, 500), country, k === 0 ? 1 : r.int(1, 3), [...new Set(products)].join('|'), r.int(150, 12_000),
      supplierUser(plan, f, r), at(addDaysTo(createdOn, r.int(5, 40)), 13),
    );
  }
  const labels = r.int(1, 3);
  for (let k = 0; k < labels; k++) {
    const label = r.weighted({ tco_certified: 45, epeat: 25, energy_star: 20, other: 10 });
    const product = `${r.pick(MODEL_SERIES)} ${r.int(3, 9)}${r.int(10, 99)}${r.pick(['', ' G10', ' G11', ' Gen 5', ' Plus'])}`;
    const number = label === 'tco_certified' ? `TCO${r.int(22, 26)}${r.int(10000, 99999)}` : label === 'epeat' ? `EPEAT-${r.int(100000, 999999)}` : label === 'energy_star' ? `ES-${r.int(1000000, 9999999)}` : `EL-${r.int(1000, 9999)}-${r.int(100, 999)}`;
    t.labels.add(
      generatedId(plan.seed, 'label', `${f.index}:${k}`), f.id, label, label === 'other' ? r.pick(['EU Ecolabel', 'Blue Angel (DE-UZ 78)', 'TCO Certified Edge']) : null, product, number,
      addDaysTo(plan.today, r.int(-365, 1_100)), supplierUser(plan, f, r), at(addDaysTo(createdOn, r.int(5, 40)), 13),
    );
  }
}

/** Report obligations over the whole term (as the app plans them) and what the supplier did with each. */
function reportsOf(plan: Plan, t: ContractTables, f: ContractFacts, r: Random, address: AddressBook): void {
  const reporting = f.terms.reporting!;
  const periods = reportPeriods(reporting.frequency, reporting.dueDays, f.startDate, f.endDate);
  periods.forEach((period, p) => {
    const obligationId = generatedId(plan.seed, 'obligation', `${f.index}:${p}`);
    const due = period.dueDate;
    const past = due < plan.today;
    const fate = past ? r.weighted({ accepted: 76, twice: 4, submitted: 7, returned: 4, draft: 3, missed: 6 }) : period.periodStart <= plan.today && r.chance(0.3) ? 'draft' : 'none';
    const daysLate = past && fate !== 'draft' && fate !== 'missed' && r.chance(0.14) ? r.int(1, 30) : 0;
    const submittedOn = fate === 'none' || fate === 'draft' || fate === 'missed' ? null : minDate(daysLate > 0 ? addDaysTo(due, daysLate) : addDaysTo(due, -r.int(0, 12)), plan.today);
    const late = submittedOn ? Math.max(0, daysBetween(due, submittedOn)) : 0;
    t.obligations.add(obligationId, f.id, f.authorityId, f.supplierId, f.clauseId, period.periodStart, period.periodEnd, due, submittedOn, at(addDaysTo(f.startDate, -5), 10));
    if (fate === 'missed') missedReportDefault(plan, t, f, r, obligationId, p, due, address);
    else if (daysLate === 0 && !past && due <= addDaysTo(plan.today, 7) && fate === 'none') reminder(plan, t, f, 'report', obligationId, due, 'due_in_7', addDaysTo(due, -7), address);
    if (fate === 'none' || fate === 'missed') return;
    const reportId = generatedId(plan.seed, 'report', `${f.index}:${p}`);
    const author = supplierUser(plan, f, r);
    const values = reporting.kpis.map((kpi) => ({ code: kpi.code, value: kpiValue(kpi, r), unit: kpi.unit }));
    const results: KpiResult[] = reporting.kpis.map((kpi, k) => evaluateKpi(kpi, values[k].value));
    const narrative = `Periodic due-diligence report ${period.periodStart} – ${period.periodEnd}: ${r.pick(['two tier-1 audits closed', 'no new grievances', 'overtime reduced at the assembly site', 'smelter list updated (CMRT 6.5)', 'one corrective action still open'])}.`;
    const openedAt = at(addDaysTo(period.periodEnd, 1), 9);
    const status = fate === 'twice' ? 'accepted' : fate;
    const rounds = fate === 'twice' ? 2 : submittedOn ? 1 : 0;
    let updatedAt = openedAt;
    for (let n = 1; n <= rounds; n++) {
      const on = n === 1 ? submittedOn! : minDate(addDaysTo(submittedOn!, 12), plan.today);
      const decided = status === 'submitted' && n === rounds ? null : n < rounds ? 'returned' : status === 'returned' ? 'returned' : 'accepted';
      const decidedOn = decided ? minDate(addDaysTo(on, r.int(1, 10)), plan.today) : null;
      t.submissions.add(
        reportId, n, narrative, JSON.stringify(values), JSON.stringify(results), at(on, 10), on, author, n === 1 ? late : Math.max(0, daysBetween(due, on)), decided,
        decided === 'returned' ? 'Please add the audit reports of the tier-1 sites.' : null, decidedOn ? at(decidedOn, 15) : null, decidedOn ? buyer(plan, f, r) : null,
      );
      updatedAt = decidedOn ? at(decidedOn, 15) : at(on, 10);
      if (decided === 'accepted' && f.terms.bonusMalus) settlement(plan, t, f, r, reportId, results, decidedOn!);
    }
    t.reports.add(
      reportId, obligationId, f.id, f.authorityId, f.supplierId, status, narrative, JSON.stringify(values), rounds, submittedOn ? at(submittedOn, 10) : null, submittedOn, submittedOn ? late : null,
      1 + rounds * 2, author, openedAt, updatedAt,
    );
    if (late > 0) lateFine(plan, t, f, obligationId, due, late, submittedOn!);
  });
}

function settlement(plan: Plan, t: ContractTables, f: ContractFacts, r: Random, reportId: string, results: KpiResult[], acceptedOn: string): void {
  const { lines, totalCents } = computeBonusMalus(f.terms.bonusMalus!, results);
  if (totalCents === 0) return;
  const id = generatedId(plan.seed, 'settlement', reportId);
  const decided = r.chance(0.8) && acceptedOn < plan.today;
  t.settlements.add(id, reportId, f.id, f.authorityId, f.supplierId, f.clauseId, totalCents, JSON.stringify(lines), decided ? 'decided' : 'proposed', at(acceptedOn, 16));
  if (!decided) return;
  const on = minDate(addDaysTo(acceptedOn, r.int(1, 14)), plan.today);
  const magnitude = Math.abs(totalCents);
  t.penalties.add(
    generatedId(plan.seed, 'penalty:settlement', id), f.id, f.authorityId, f.supplierId, totalCents >= 0 ? 'bonus' : 'malus', 'applied', magnitude, magnitude, 'EUR', null, id, null, null, null,
    JSON.stringify({ lines, proposedCents: totalCents }), 'As proposed from the KPI results.', on, at(on, 11), buyer(plan, f, r),
  );
}

function lateFine(plan: Plan, t: ContractTables, f: ContractFacts, obligationId: string, due: string, days: number, on: string): void {
  const value = f.terms.lateFines!.deliverableValueCents.report!;
  const perDay = Math.round((value * f.terms.lateFines!.ratePerDayBasisPoints) / 10_000);
  const cap = Math.round((value * f.terms.lateFines!.capBasisPoints) / 10_000);
  const amount = Math.min(cap, perDay * days);
  t.penalties.add(
    generatedId(plan.seed, 'penalty:late', obligationId), f.id, f.authorityId, f.supplierId, 'late_fine', 'automatic', amount, amount, 'EUR', null, null, 'report', obligationId, due,
    JSON.stringify({ days, ratePerDayBasisPoints: 7, valueCents: value, capCents: cap }), null, on, at(on, 10), null,
  );
}

export function reminder(plan: Plan, t: { reminders: TableRows; mails: TableRows }, f: ContractFacts, subject: string, subjectId: string, deadline: string, stage: string, on: string, address: AddressBook): void {
  if (on > plan.today) return;
  t.reminders.add(subject, subjectId, deadline, stage, f.supplierId, 1, at(on, 6));
  const text = stage === 'missed' ? `The deadline of ${deadline} has passed.` : `Reminder: due on ${deadline}.`;
  sentMail(plan, t.mails, `reminder:${subject}:${subjectId}:${stage}`, f.supplierId, address('supplier', f.supplier), 'deadline_reminder', `${subject === 'report' ? 'Periodic report' : 'Questionnaire'} due ${deadline}`, text, at(on, 6));
}

/** A default at a state drawn for it, with every column that state implies (see the defaults CHECKs), its notice mail and its penalty. */
export function defaultRows(
  plan: Plan,
  t: { defaults: TableRows; penalties: TableRows; mails: TableRows },
  f: ContractFacts,
  r: Random,
  key: string,
  input: Pick<DefaultView, 'origin' | 'subject' | 'subjectId' | 'missedDeadline' | 'occurredOn' | 'failing'> & {
    /** Unique within the contract: the notice reference is ND-<year>-<contract>-<number>. */
    number: number;
  },
  address: AddressBook,
): void {
  if (input.occurredOn > plan.today) return;
  const id = generatedId(plan.seed, 'default', key);
  let status = r.weighted<DefaultStatus>({ proposed: 20, dismissed: 10, notified: 15, answered: 15, acknowledged: 10, decided: 30 });
  const sentOn = addDaysTo(input.occurredOn, r.int(2, 8));
  if (status !== 'proposed' && status !== 'dismissed' && sentOn > plan.today) status = 'proposed';
  const responseDeadline = addDaysTo(sentOn, f.terms.noticeResponseDays);
  if (status === 'notified' && responseDeadline < plan.today) status = 'acknowledged';
  if ((status === 'answered' || status === 'decided') && addDaysTo(sentOn, 7) > plan.today) status = 'notified';
  if (status === 'acknowledged' && responseDeadline >= plan.today) status = 'notified';
  const sent = status !== 'proposed' && status !== 'dismissed';
  const answered = status === 'answered' || (status === 'decided' && r.chance(0.7));
  const decidedOn = status === 'decided' ? minDate(addDaysTo(responseDeadline, r.int(1, 20)), plan.today) : null;
  const decision = decidedOn ? r.weighted({ applied: 50, reduced: 25, waived: 25 }) : null;
  const officer = buyer(plan, f, r);
  const updated = decidedOn ?? (status === 'acknowledged' ? responseDeadline : answered ? addDaysTo(sentOn, 7) : sent ? sentOn : status === 'dismissed' ? addDaysTo(input.occurredOn, 3) : input.occurredOn);
  t.defaults.add(
    id, f.id, f.authorityId, f.supplierId, input.origin, input.subject, input.subjectId, input.missedDeadline, input.occurredOn, input.failing, status, f.clauseId,
    sent ? `ND-${sentOn.slice(0, 4)}-${String(f.index).padStart(6, '0')}-${input.number}` : null, sent ? f.terms.articles[input.subject as 'report'] ?? 'Art. 11' : null,
    sent ? addDaysTo(sentOn, f.terms.noticeRemedyDays) : null, sent ? responseDeadline : null, sent ? at(sentOn, 10) : null, sent ? sentOn : null, sent ? officer : null,
    answered ? 'The delay was caused by a change of our EMS partner; the report has been sent since.' : null, answered ? at(addDaysTo(sentOn, 7), 11) : null,
    answered ? userId(plan, 'supplier', f.supplier, 0) : null, status === 'acknowledged' ? at(addDaysTo(responseDeadline, 1), 0) : null,
    status === 'dismissed' ? 'The delay was caused by the authority.' : null, decision, decision ? 'Decided after hearing the supplier.' : null, decidedOn ? at(decidedOn, 14) : null,
    decidedOn ? officer : null, { proposed: 1, dismissed: 2, notified: 2, answered: 3, acknowledged: 3, decided: 4 }[status], input.origin === 'recorded' ? officer : null,
    at(input.occurredOn, 7), at(updated, 14),
  );
  if (sent) sentMail(plan, t.mails, `notice:${id}`, f.supplierId, address('supplier', f.supplier), 'notice_of_default', `Notice of default ND-${sentOn.slice(0, 4)}-${String(f.index).padStart(6, '0')}-${input.number}`, input.failing, at(sentOn, 10));
  if (decision) {
    const computed = f.terms.penalties?.perDefault?.kind === 'fixed' ? f.terms.penalties.perDefault.amountCents : Math.min(1_000_000, Math.max(100_000, Math.round(f.valueCents / 1000)));
    const amount = decision === 'applied' ? computed : decision === 'reduced' ? Math.round(computed / 2) : 0;
    t.penalties.add(
      generatedId(plan.seed, 'penalty:default', id), f.id, f.authorityId, f.supplierId, 'penalty', decision, amount, computed, 'EUR', id, null, input.subject, input.subjectId, input.missedDeadline,
      JSON.stringify({ rule: 'perDefault', computedCents: computed }), 'Decided after hearing the supplier.', decidedOn, at(decidedOn!, 14), officer,
    );
  }
}

function missedReportDefault(plan: Plan, t: ContractTables, f: ContractFacts, r: Random, obligationId: string, period: number, due: string, address: AddressBook): void {
  reminder(plan, t, f, 'report', obligationId, due, 'missed', addDaysTo(due, 1), address);
  defaultRows(plan, t, f, r, `report:${obligationId}`, { origin: 'missed_deadline', subject: 'report', subjectId: obligationId, missedDeadline: due, occurredOn: addDaysTo(due, 1), failing: `The periodic report due on ${due} was not delivered.`, number: 1 + period }, address);
}

/** A few contracts have a broken execution condition recorded by the buyer. */
function recordedDefault(plan: Plan, t: ContractTables, f: ContractFacts, r: Random, address: AddressBook): void {
  if (!r.chance(0.04)) return;
  const occurredOn = addDaysTo(plan.today, -r.int(20, 400));
  if (occurredOn < f.startDate) return;
  defaultRows(plan, t, f, r, `recorded:${f.index}:1`, {
    origin: 'recorded', subject: 'execution_condition', subjectId: null, missedDeadline: null, occurredOn, number: 900,
    failing: r.pick(['No social audit of the tier-1 assembly site within the contractual period.', 'The list of production sites was not disclosed.', 'Workers’ identity documents were found retained at a tier-2 site.']),
  }, address);
}
