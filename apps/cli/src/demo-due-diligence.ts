import { INestApplicationContext } from '@nestjs/common';
import { AssessmentsService } from '@ddp/assessments';
import { ClauseService, ClauseTerms, ContractsService } from '@ddp/contracts';
import { Actor, calendarDateIn, Database, RequestContext } from '@ddp/core';
import { DefaultsService } from '@ddp/penalties';

const REFERENCE = 'GENT-ICT-2027-001';

/** A clause as a Belgian buyer would write it: quarterly reports with two KPIs, every money rule. */
function demoTerms(articles: ClauseTerms['articles']): ClauseTerms {
  return {
    articles,
    reporting: {
      frequency: 'quarterly',
      dueDays: 30,
      kpis: [
        { code: 'AUDITED_SITES', name: 'Tier-1 production sites audited in the last 24 months', unit: 'percent', direction: 'higher', target: '90', amberThreshold: '75' },
        { code: 'OPEN_GRIEVANCES', name: 'Worker grievances open for more than 60 days', unit: 'count', direction: 'lower', target: '0' },
      ],
    },
    reassessment: { intervalMonths: 12, responseDays: 30 },
    noticeResponseDays: 15,
    noticeRemedyDays: 30,
    planDeadlineDays: 30,
    penalties: { perDefault: { kind: 'fixed', amountCents: 100_000 }, perDay: { amountCents: 10_000, cap: { basisPoints: 100 } }, cumulativeCap: { basisPoints: 1_000 } },
    lateFines: { ratePerDayBasisPoints: 7, capBasisPoints: 750, deliverableValueCents: { report: 250_000, action_plan: 250_000 } },
    bonusMalus: [{ kpiCode: 'AUDITED_SITES', bonusCentsPerUnit: 10_000, malusCentsPerUnit: 20_000, capCents: 250_000 }],
  };
}

/**
 * Demo records on top of the demo accounts, so a first look shows the product at work: Stad Gent's
 * laptop contract with Laptop Solutions (lots, sites, a label lapsing early, an auditor), the
 * Walloon purchasing body's framework agreement that Gent joined, and the quick scan issued and
 * partly answered; both contracts with a due-diligence clause, so that report obligations exist
 * and the framework's missed reports are proposed as defaults. Idempotent: nothing is added when
 * the Gent contract exists.
 */
export async function seedDemoDueDiligence(app: INestApplicationContext): Promise<boolean> {
  const db = app.get(Database);
  const system = RequestContext.system();
  const [existing] = await db.query(system, `SELECT 1 FROM contracts WHERE reference = $1`, [REFERENCE]);
  if (existing) return false;
  const actor = async (email: string): Promise<RequestContext> => {
    const [row] = await db.query<{ id: string; organisation_id: string; kind: Actor['organisationKind']; role: Actor['role'] }>(
      system,
      `SELECT u.id, u.organisation_id, o.kind, u.role FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.email = $1`,
      [email],
    );
    return system.withActor({ userId: row.id, organisationId: row.organisation_id, organisationKind: row.kind, role: row.role });
  };
  const contracts = app.get(ContractsService);
  const assessments = app.get(AssessmentsService);
  const gent = await actor('buyer.admin@gent.demo');
  const spw = await actor('acheteur@spw.demo');
  const laptops = await actor('compliance@laptops.demo');

  const { contract } = await contracts.create(gent, {
    reference: REFERENCE,
    title: 'Laptops en dockingstations 2027-2030',
    supplier: { name: 'Laptop Solutions NV', country: 'BE', registrationNumber: '0876.904.645', contactEmail: 'compliance@laptops.demo' },
    lots: [
      { name: 'Perceel 1 – Laptops', description: 'Standaard- en prestatielaptops' },
      { name: 'Perceel 2 – Dockingstations', description: null },
    ],
    startDate: '2027-01-01',
    endDate: '2030-12-31',
    valueCents: 248_500_000,
    currency: 'EUR',
  });
  await contracts.assignAuditor(gent, contract.id, { country: 'BE', registrationNumber: '0661.039.558' });
  await contracts.addSite(laptops, contract.id, { name: 'Final assembly plant', address: 'No. 18 Xiyong Road, Shapingba District, Chongqing', country: 'CN', tier: 1, products: ['laptops'], workforce: 6200 });
  await contracts.addSite(laptops, contract.id, { name: 'Battery cell supplier', address: 'Lot 21, Phase 2, Bac Ninh Industrial Park', country: 'VN', tier: 2, products: ['battery cells'], workforce: 1800 });
  await contracts.addLabel(laptops, contract.id, { label: 'tco_certified', product: 'ProBook 450 G11', certificateNumber: 'NB-2026-004512', validUntil: '2028-06-30' });
  await contracts.addLabel(laptops, contract.id, { label: 'energy_star', product: 'ProBook 450 G11', certificateNumber: 'ES-2476113', validUntil: '2031-06-30' });

  const { contract: framework } = await contracts.create(spw, {
    reference: 'SPW-AC-2026-017',
    title: "Accord-cadre écrans et serveurs 2026-2029",
    supplier: { name: 'Écrans & Serveurs SA', country: 'BE', registrationNumber: '0753.014.562', contactEmail: 'rse@ecrans.demo' },
    isFramework: true,
    startDate: '2026-06-01',
    endDate: '2029-05-31',
    valueCents: 1_200_000_000,
    currency: 'EUR',
  });
  await contracts.addParticipant(spw, framework.id, { country: 'BE', registrationNumber: '0207.045.510' });

  const clauses = app.get(ClauseService);
  await clauses.change(gent, contract.id, { terms: demoTerms({ report: 'Art. 14.2 van het bestek', assessment: 'Art. 14.1 van het bestek', action_plan: 'Art. 14.3 van het bestek', action: 'Art. 14.3 van het bestek', execution_condition: 'Art. 14 van het bestek' }) });
  await clauses.change(spw, framework.id, { terms: demoTerms({ report: 'Art. 22.2 du cahier spécial des charges', assessment: 'Art. 22.1 du CSC', action_plan: 'Art. 22.3 du CSC', action: 'Art. 22.3 du CSC', execution_condition: 'Art. 22 du CSC' }) });
  // The framework started in June 2026: its reports due since then are missed, proposed as defaults.
  await app.get(DefaultsService).proposeMissed(system);

  const [quickScan] = await db.query<{ id: string }>(system, `SELECT id FROM questionnaire_templates WHERE reference_key = 'ict-quick-scan' AND status = 'published' ORDER BY version_number DESC LIMIT 1`);
  const due = new Date(Date.parse(`${calendarDateIn('Europe/Brussels')}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const issued = await assessments.issue(gent, { contractId: contract.id, templateId: quickScan.id, dueDate: due });
  await assessments.issue(spw, { contractId: framework.id, templateId: quickScan.id, dueDate: due });

  // The supplier has started: a few answers of the first questions, with the colours they give.
  const definition = (await db.query<{ definition: { sections: Array<{ questions: Array<{ code: string; type: string; options?: Array<{ value: string; colour?: string }> }> }> } }>(
    system,
    `SELECT definition FROM questionnaire_templates WHERE id = $1`,
    [quickScan.id],
  ))[0].definition;
  const answers = definition.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type === 'yes_no' || q.type === 'single_choice')
    .slice(0, 6)
    .map((q, i) => {
      const options = q.options ?? [];
      const green = options.find((o) => o.colour === 'green') ?? options[0];
      const amber = options.find((o) => o.colour === 'amber');
      return { questionCode: q.code, value: i === 3 && amber ? amber.value : green.value, comment: i === 3 ? 'Improvement plan in preparation' : null };
    });
  await assessments.saveAnswers(laptops, issued.id, { answers }, issued.version);
  return true;
}
