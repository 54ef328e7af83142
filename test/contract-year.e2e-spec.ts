import { INestApplicationContext } from '@nestjs/common';
import { apiAs, createActor, createContract, createTestApp, fullTerms, TestActor, TestApp } from '@ddp/testing';
import { EXECUTION_JOBS } from '../apps/worker/src/jobs/execution.jobs';

interface Obligation {
  id: string;
  periodStart: string;
  dueDate: string;
  state: string;
}

/**
 * A contract runs for a simulated year on a frozen clock. Each day at 07:00 UTC two workers run
 * every execution job at once; at 10:00 the buyer and the supplier act. The Q2 report is missed:
 * reminders, a proposed default, a notice, the supplier's answer, a decision, and a penalty in
 * cents equal to the figure computed by hand; the late report is fined; KPI results give a bonus
 * and a malus. Every figure is checked against the ledger and the dashboard at the year's end.
 */
describe('a contract year, simulated', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let workers: INestApplicationContext[];
  const as = apiAs(() => t);

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    workers = [await t.startWorker(), await t.startWorker()];
  });
  afterAll(() => t.close());

  it('runs from clause to ledger with the hand-computed figures', async () => {
    // A 1,000,000.00 EUR contract for 2027, Brussels time.
    t.clock.freeze('2027-01-01T09:00:00Z');
    const contract = await createContract(t, buyer, supplier, { startDate: '2027-01-01', endDate: '2027-12-31', valueCents: 100_000_000, timeZone: 'Europe/Brussels' });
    const terms = fullTerms({ reassessment: undefined });
    await as(buyer).put(`/contracts/${contract.id}/clause`, { terms }).expect(200);
    const obligations = (await as(supplier).get(`/contracts/${contract.id}/report-obligations`).expect(200)).body as Obligation[];
    expect(obligations.map((o) => [o.periodStart, o.dueDate])).toEqual([
      ['2027-01-01', '2027-04-30'],
      ['2027-04-01', '2027-07-30'],
      ['2027-07-01', '2027-10-30'],
      ['2027-10-01', '2028-01-30'],
    ]);
    const [q1, q2, q3] = obligations;

    const report = async (obligation: Obligation, sites: string, grievances: number) => {
      const created = await as(supplier).post('/reports', { obligationId: obligation.id }).expect(201);
      const saved = await as(supplier).patch(`/reports/${created.body.id}`, { narrative: 'Quarterly due-diligence report.', kpiValues: [{ code: 'AUDITED_SITES', value: sites }, { code: 'OPEN_GRIEVANCES', value: grievances }] }).expect(200);
      await as(supplier).post(`/reports/${created.body.id}/submit`, undefined, saved.body.version).expect(200);
      return created.body.id as string;
    };
    const settlementFor = async (reportId: string) => {
      const list = (await as(buyer).get(`/bonus-malus?contractId=${contract.id}`).expect(200)).body as Array<{ id: string; reportId: string; proposedCents: number; status: string }>;
      return list.find((s) => s.reportId === reportId)!;
    };
    const defaultOf = async () => (await as(buyer).get(`/defaults?contractId=${contract.id}`).expect(200)).body.items as Array<Record<string, any>>;

    const ids: Record<string, string> = {};
    const actions: Record<string, () => Promise<void>> = {
      '2027-04-20': async () => void (ids.q1 = await report(q1, '95', 0)),
      '2027-04-22': async () => void (await as(buyer).post(`/reports/${ids.q1}/accept`).expect(200)),
      '2027-04-25': async () => {
        // 95 % against a 90 % target: 5 points × 100.00 EUR = 500.00 EUR of bonus.
        const bonus = await settlementFor(ids.q1);
        expect(bonus).toMatchObject({ proposedCents: 50_000, status: 'proposed' });
        await as(buyer).post(`/bonus-malus/${bonus.id}/decision`, { outcome: 'applied', reasons: 'Audits verified by the buyer.' }).expect(200);
      },
      '2027-08-02': async () => {
        const [proposed] = await defaultOf();
        expect(proposed).toMatchObject({ status: 'proposed', subject: 'report', subjectId: q2.id, missedDeadline: '2027-07-30', occurredOn: '2027-07-31' });
        const notice = await as(buyer).post(`/defaults/${proposed.id}/notice`, { remedyDeadline: '2027-08-05' }).expect(200);
        expect(notice.body.notice).toMatchObject({ reference: 'ND-2027-0001', article: 'Art. 12.3', remedyDeadline: '2027-08-05', responseDeadline: '2027-08-17', sentOn: '2027-08-02' });
      },
      '2027-08-09': async () => void (ids.q2 = await report(q2, '85', 1)),
      '2027-08-10': async () => {
        const [notified] = await defaultOf();
        await as(supplier).post(`/defaults/${notified.id}/response`, { text: 'Our audit firm delivered late; the report went in on 9 August.' }).expect(200);
      },
      '2027-08-12': async () => void (await as(buyer).post(`/reports/${ids.q2}/accept`).expect(200)),
      '2027-08-14': async () => {
        // 85 % against 90 %: 5 points × 200.00 EUR = 1,000.00 EUR of malus, reduced to 600.00 EUR.
        const malus = await settlementFor(ids.q2);
        expect(malus).toMatchObject({ proposedCents: -100_000, status: 'proposed' });
        await as(buyer).post(`/bonus-malus/${malus.id}/decision`, { outcome: 'reduced', amountCents: 60_000, reasons: 'Two of the sites changed owner mid-quarter.' }).expect(200);
      },
      '2027-08-20': async () => {
        // 500.00 EUR per default + 4 days (6 to 9 August) × 50.00 EUR until remedied = 700.00 EUR.
        const [answered] = await defaultOf();
        const pending = (await as(buyer).get(`/defaults/${answered.id}`).expect(200)).body;
        expect(pending.penaltyProposal).toMatchObject({ perDefaultCents: 50_000, daysUntilRemedied: 4, perDayCents: 20_000, amountCents: 70_000, remediedOn: '2027-08-09', currency: 'EUR' });
        await as(buyer).post(`/defaults/${answered.id}/decision`, { outcome: 'applied', reasons: 'Reporting is an essential condition; the answer explains but does not excuse.' }).expect(200);
      },
      '2027-10-15': async () => void (ids.q3 = await report(q3, '90', 0)),
      '2027-10-20': async () => void (await as(buyer).post(`/reports/${ids.q3}/accept`).expect(200)),
    };

    for (let day = new Date('2027-01-02T07:00:00Z'); day <= new Date('2027-12-31T07:00:00Z'); day = new Date(day.getTime() + 86_400_000)) {
      t.clock.freeze(day);
      for (const job of EXECUTION_JOBS) await Promise.all(workers.map((w) => w.get(job).run()));
      const date = day.toISOString().slice(0, 10);
      t.clock.freeze(`${date}T08:00:00Z`);
      await actions[date]?.();
    }

    // The ledger: bonus 50,000; malus reduced to 60,000; penalty 70,000; the late report's fine:
    // 2,000.00 EUR × 0.1 % × 10 days (31 July to 9 August) = 20.00 EUR.
    const ledger = (await as(supplier).get(`/penalties?contractId=${contract.id}`).expect(200)).body;
    expect(ledger.items.map((e: { kind: string; outcome: string; amountCents: number }) => [e.kind, e.outcome, e.amountCents]).sort()).toEqual(
      [['bonus', 'applied', 50_000], ['late_fine', 'automatic', 2_000], ['malus', 'reduced', 60_000], ['penalty', 'applied', 70_000]].sort(),
    );
    expect(ledger.totals).toEqual({ penalty: 70_000, late_fine: 2_000, bonus: 50_000, malus: 60_000, net: -82_000 });
    const fine = ledger.items.find((e: { kind: string }) => e.kind === 'late_fine');
    expect(fine.calculation).toMatchObject({ deliverable: 'report', valueCents: 200_000, ratePerDayBasisPoints: 10, daysLate: 10, capCents: 15_000, deadline: '2027-07-30', deliveredOn: '2027-08-09' });

    // Reminders went to the supplier for the missed report and for the notice's answer, once each.
    const { rows: reminders } = await t.sql.query(`SELECT subject, deadline::text, stage FROM deadline_reminders ORDER BY deadline, stage`);
    expect(reminders).toEqual([
      { subject: 'report', deadline: '2027-07-30', stage: 'due_in_1' },
      { subject: 'report', deadline: '2027-07-30', stage: 'due_in_3' },
      { subject: 'report', deadline: '2027-07-30', stage: 'due_in_7' },
      { subject: 'report', deadline: '2027-07-30', stage: 'missed' },
      { subject: 'notice_response', deadline: '2027-08-17', stage: 'due_in_7' },
    ]);
    const { rows: mails } = await t.sql.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE template LIKE 'reminder-%' AND to_address = $1`, [supplier.user.email]);
    expect(mails[0].n).toBe(5);
    const { rows: defaults } = await t.sql.query(`SELECT status, decision FROM defaults WHERE contract_id = $1`, [contract.id]);
    expect(defaults).toEqual([{ status: 'decided', decision: 'applied' }]);

    // Q3 met its target exactly: a proposal of 0, left for the buyer.
    expect(await settlementFor(ids.q3)).toMatchObject({ proposedCents: 0, status: 'proposed' });

    const dashboard = (await as(buyer).get(`/dashboard?contractId=${contract.id}`).expect(200)).body;
    expect(dashboard.overall.moneyThisYear).toEqual([{ currency: 'EUR', penalties: 70_000, lateFines: 2_000, bonuses: 50_000, maluses: 60_000 }]);
    expect(dashboard.overall.reports.submittedLate).toBe(1);
    expect(dashboard.overall.defaults).toEqual({ proposed: 0, awaitingResponse: 0, awaitingDecision: 0 });
    expect(dashboard.contracts).toHaveLength(1);
    expect(dashboard.contracts[0].moneyThisYear).toEqual(dashboard.overall.moneyThisYear);

    // The buyer waives the late fine with reasons: a reversal, nothing rewritten.
    await as(buyer).post(`/penalties/${fine.id}/correction`, { amountCents: 0 }).expect(400);
    const waived = (await as(buyer).post(`/penalties/${fine.id}/correction`, { amountCents: 0, reasons: 'The delay came from our late order confirmation.' }).expect(200)).body;
    expect(waived.totals).toEqual({ penalty: 70_000, late_fine: 0, bonus: 50_000, malus: 60_000, net: -80_000 });
    expect(waived.items.filter((e: { kind: string }) => e.kind === 'late_fine').map((e: { outcome: string; amountCents: number }) => [e.outcome, e.amountCents]).sort()).toEqual([['automatic', 2_000], ['reversal', -2_000]]);
  }, 180_000);
});
