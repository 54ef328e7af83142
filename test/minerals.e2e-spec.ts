import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import request, { Response } from 'supertest';
import { filledRmi, filledRmiWorkbook } from '@ddp/testing';
import { apiAs, comparableProblem, createActor, createContract, createTestApp, ensureRegistration, TestActor, TestApp } from '@ddp/testing';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Finding {
  source: string;
  questionCode: string;
  severity: string;
  status: string;
  theme: string;
}

describe('minerals: CMRT / EMRT import, smelter roll-up, findings', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  const api = apiAs(() => t);
  let buyer: TestActor;
  let supplierA: TestActor;
  let supplierB: TestActor;
  let auditor: TestActor;
  let otherBuyer: TestActor;
  let otherSupplier: TestActor;
  let contractA: string;
  let contractB: string;
  let contractB2: string;
  let otherContract: string;
  let firstReportA: string;

  const upload = (actor: TestActor, contractId: string, file: Buffer, filename = 'report.xlsx', contentType = XLSX_MIME) =>
    request(t.http).post(`/api/v1/contracts/${contractId}/minerals-reports`).set('authorization', actor.auth).attach('file', file, { filename, contentType });

  const counts = async () => {
    const { rows } = await t.sql.query(
      `SELECT (SELECT count(*) FROM minerals_reports)::int AS reports, (SELECT count(*) FROM minerals_smelters)::int AS smelters,
              (SELECT count(*) FROM minerals_mines)::int AS mines, (SELECT count(*) FROM findings WHERE source = 'minerals')::int AS findings,
              (SELECT count(*) FROM audit_events)::int AS audit`,
    );
    return rows[0] as Record<string, number>;
  };

  const mineralsFindings = async (actor: TestActor, contractId: string): Promise<Finding[]> => {
    const response = await api(actor).get(`/findings?contractId=${contractId}&limit=200`).expect(200);
    return (response.body.items as Finding[]).filter((f) => f.source === 'minerals').sort((a, b) => a.questionCode.localeCompare(b.questionCode));
  };

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplierA = await createActor(t, 'supplier', 'admin');
    supplierB = await createActor(t, 'supplier', 'admin');
    auditor = await createActor(t, 'audit_body', 'admin');
    otherBuyer = await createActor(t, 'contracting_authority', 'admin');
    otherSupplier = await createActor(t, 'supplier', 'admin');
    contractA = (await createContract(t, buyer, supplierA)).id;
    contractB = (await createContract(t, buyer, supplierB)).id;
    contractB2 = (await createContract(t, buyer, supplierB)).id;
    otherContract = (await createContract(t, otherBuyer, otherSupplier)).id;
    await api(buyer).post(`/contracts/${contractA}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);
  });
  afterAll(() => t.close());

  describe('filled templates are imported, listed, rolled up and turned into findings', () => {
    it('imports a CMRT 6.5 of supplier A: declaration, smelters, findings by the rules', async () => {
      const file = await filledRmi('CMRT', {
        'Declaration!D75': 'No', // A: no sourcing policy → red
        'Declaration!D63': 'No', // Q7 tin: not all smelters identified → amber
        'Smelter List!B7': 'Tungsten',
        'Smelter List!D7': 'Some Unknown Works', // no identification → amber
        'Smelter List!E7': 'CHINA',
      });
      const response = await upload(supplierA, contractA, file, 'cmrt-a.xlsx').expect(201);
      const body = response.body;
      firstReportA = body.id;
      expect(body).toMatchObject({ contractId: contractA, kind: 'CMRT', version: '6.5', status: 'current', companyName: 'Acme Components NV', scope: 'A. Company', effectiveDate: '2026-05-01', smelterCount: 3, mineCount: 0 });
      expect(body.supplier.id).toBe(supplierA.organisation.id);
      expect(body.file).toMatchObject({ name: 'cmrt-a.xlsx', sizeBytes: file.length });
      expect(body.file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(body.declaration.companyQuestions[0]).toMatchObject({ code: 'A', answer: 'No', cell: 'Declaration!D75' });
      expect(body.declaration.questions[6].answers[1]).toMatchObject({ metal: 'Tin', answer: 'No' });
      expect(body.smelters.map((s: { metal: string; name: string; smelterId: string | null; country: string }) => [s.metal, s.name, s.smelterId, s.country])).toEqual([
        ['Tin', 'Thaisarco', 'CID001898', 'THAILAND'],
        ['Gold', 'Asahi Pretec Corp.', 'CID000082', 'JAPAN'],
        ['Tungsten', 'Some Unknown Works', null, 'CHINA'],
      ]);

      const findings = await mineralsFindings(buyer, contractA);
      expect(findings.map((f) => [f.questionCode, f.severity, f.status, f.theme])).toEqual([
        ['CMRT-A', 'high', 'open', 'minerals'],
        ['CMRT-Q7', 'medium', 'open', 'minerals'],
        ['CMRT-SMELTER-ID', 'medium', 'open', 'minerals'],
      ]);
      expect(await mineralsFindings(supplierA, contractA)).toHaveLength(3);
    });

    it('imports supplier B’s CMRT and EMRT (with its mine list)', async () => {
      const cmrt = await filledRmi('CMRT', {
        'Declaration!D8': 'Beta Metals BV',
        'Smelter List!B6': 'Tungsten',
        'Smelter List!D6': 'SOME UNKNOWN  WORKS.', // same smelter as A's, by normalised name and metal
        'Smelter List!E6': 'CHINA',
        'Smelter List!F6': null,
        'Smelter List!G6': null,
      });
      const b = await upload(supplierB, contractB, cmrt).expect(201);
      expect(b.body).toMatchObject({ kind: 'CMRT', companyName: 'Beta Metals BV', smelterCount: 2 });
      // Half its smelters unidentified: amber; no policy question answered No.
      expect((await mineralsFindings(buyer, contractB)).map((f) => [f.questionCode, f.severity])).toEqual([['CMRT-SMELTER-ID', 'medium']]);

      const emrt = await filledRmi('EMRT', { 'Declaration!D122': 'No', 'Declaration!D131': 'No' });
      const e = await upload(supplierB, contractB2, emrt, 'emrt.xlsx').expect(201);
      expect(e.body).toMatchObject({ kind: 'EMRT', version: '2.1', companyName: 'Acme Batteries NV', effectiveDate: '2026-06-15', smelterCount: 1, mineCount: 1 });
      expect(e.body.declaration.mineralsInScope).toEqual(['Cobalt', 'Copper', 'Graphite', 'Lithium', 'Mica', 'Nickel']);
      expect(e.body.mines).toEqual([expect.objectContaining({ row: 5, metal: 'Cobalt', name: 'Kamoto', smelterName: 'Umicore Kokkola', country: 'CONGO, DEMOCRATIC REPUBLIC OF THE' })]);
      expect((await mineralsFindings(buyer, contractB2)).map((f) => [f.questionCode, f.severity])).toEqual([
        ['EMRT-C', 'medium'],
        ['EMRT-D', 'high'],
      ]);
    });

    it('lists a contract’s reports to its authority, supplier and assigned auditor only', async () => {
      for (const reader of [buyer, supplierA, auditor]) {
        const list = await api(reader).get(`/contracts/${contractA}/minerals-reports`).expect(200);
        expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([firstReportA]);
        expect(list.body.items[0]).toMatchObject({ kind: 'CMRT', smelterCount: 3, status: 'current' });
        expect(list.body.items[0].smelters).toBeUndefined();
      }
      const missing = await api(supplierB).get(`/contracts/${randomUUID()}/minerals-reports`).expect(404);
      for (const stranger of [supplierB, otherBuyer, otherSupplier]) {
        const response = await api(stranger).get(`/contracts/${contractA}/minerals-reports`).expect(404);
        expect(comparableProblem(response)).toBe(comparableProblem(missing));
      }
    });

    it('rolls up smelters across the buyer’s suppliers (by id, else by normalised name and metal), not for another buyer', async () => {
      const rollup = await api(buyer).get('/smelters').expect(200);
      const byKey = new Map<string, { name: string; metal: string; country: string; smelterId: string | null; suppliers: Array<{ id: string; contractId: string }> }>(
        rollup.body.items.map((i: { key: string }) => [i.key, i]),
      );
      const suppliersOf = (key: string) => (byKey.get(key)?.suppliers ?? []).map((s) => s.id).sort();
      expect([...byKey.keys()].sort()).toEqual(['id:CID000082', 'id:CID001898', 'id:CID003473', 'name:some unknown works|tungsten']);
      expect(suppliersOf('id:CID001898')).toEqual([supplierA.organisation.id, supplierB.organisation.id].sort());
      expect(byKey.get('id:CID001898')).toMatchObject({ name: 'Thaisarco', metal: 'Tin', country: 'THAILAND', smelterId: 'CID001898' });
      expect(suppliersOf('name:some unknown works|tungsten')).toEqual([supplierA.organisation.id, supplierB.organisation.id].sort());
      expect(suppliersOf('id:CID000082')).toEqual([supplierA.organisation.id]);
      expect(suppliersOf('id:CID003473')).toEqual([supplierB.organisation.id]);
      expect(byKey.get('id:CID003473')?.suppliers[0].contractId).toBe(contractB2);
      expect(rollup.body.nextCursor).toBeNull();

      // Keyset pages of 2 give the same groups.
      const first = await api(buyer).get('/smelters?limit=2').expect(200);
      const second = await api(buyer).get(`/smelters?limit=2&after=${first.body.nextCursor}`).expect(200);
      expect([...first.body.items, ...second.body.items].map((i: { key: string }) => i.key)).toEqual(rollup.body.items.map((i: { key: string }) => i.key));

      // One contract; the auditor of contract A sees A's smelters only; the supplier its own.
      expect((await api(buyer).get(`/smelters?contractId=${contractA}`).expect(200)).body.items).toHaveLength(3);
      expect((await api(auditor).get('/smelters').expect(200)).body.items.map((i: { key: string }) => i.key).sort()).toEqual(['id:CID000082', 'id:CID001898', 'name:some unknown works|tungsten']);
      const own = await api(supplierA).get('/smelters').expect(200);
      expect(own.body.items.every((i: { suppliers: Array<{ id: string }> }) => i.suppliers.every((s) => s.id === supplierA.organisation.id))).toBe(true);

      // Another buyer sees none of them, and may not name a contract that is not its own.
      expect((await api(otherBuyer).get('/smelters').expect(200)).body.items).toEqual([]);
      const foreign = await api(otherBuyer).get(`/smelters?contractId=${contractA}`).expect(400);
      expect(foreign.body.errors).toEqual([{ field: 'contractId', message: expect.any(String) }]);
      await api(buyer).get('/smelters?after=not-a-cursor').expect(400);
    });

    it('a new upload supersedes the previous one (kept as history) and updates the findings', async () => {
      const file = await filledRmi('CMRT', { 'Declaration!D22': '2026-07-01' }); // an ISO date typed as text is accepted
      const response = await upload(supplierA, contractA, file).expect(201);
      expect(response.body).toMatchObject({ status: 'current', effectiveDate: '2026-07-01', smelterCount: 2 });
      const list = await api(buyer).get(`/contracts/${contractA}/minerals-reports`).expect(200);
      expect(list.body.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
        [response.body.id, 'current'],
        [firstReportA, 'superseded'],
      ]);
      expect(list.body.items[1]).toMatchObject({ supersededBy: response.body.id, supersededAt: expect.any(String) });
      // Its rules no longer fire: the open findings are resolved.
      expect((await mineralsFindings(buyer, contractA)).map((f) => [f.questionCode, f.status])).toEqual([
        ['CMRT-A', 'resolved'],
        ['CMRT-Q7', 'resolved'],
        ['CMRT-SMELTER-ID', 'resolved'],
      ]);
      // The roll-up reads current reports only: A no longer names the unknown works.
      const rollup = await api(buyer).get('/smelters').expect(200);
      const unknown = rollup.body.items.find((i: { key: string }) => i.key === 'name:some unknown works|tungsten');
      expect(unknown.suppliers.map((s: { id: string }) => s.id)).toEqual([supplierB.organisation.id]);
      const events = await t.sql.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'minerals_report.imported' AND entity_id = $1`, [response.body.id]);
      expect(events.rows[0].n).toBeGreaterThanOrEqual(2);
    });
  });

  describe('bad input: a 4xx naming the file or the cells, and nothing stored', () => {
    const refused = async (file: Buffer, status: number, filename = 'bad.xlsx', contentType = XLSX_MIME): Promise<Response> => {
      const before = await counts();
      const response = await upload(supplierA, contractA, file, filename, contentType).expect(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(await counts()).toEqual(before);
      return response;
    };

    it('not an xlsx, a renamed CSV, a macro-enabled workbook: 415 naming file', async () => {
      for (const [file, name] of [
        [Buffer.from('%PDF-1.4\n%%EOF\n'), 'report.xlsx'],
        [Buffer.from('Metal,Smelter\nTin,Thaisarco\n'), 'report.xlsx'],
      ] as const) {
        const response = await refused(file, 415, name);
        expect(response.body.errors).toEqual([{ field: 'file', message: expect.any(String) }]);
      }
      const zip = await JSZip.loadAsync(await filledRmi('CMRT'));
      zip.file('xl/vbaProject.bin', Buffer.from('macro'));
      const macro = await zip.generateAsync({ type: 'nodebuffer' });
      const response = await refused(macro, 415, 'report.xlsm');
      expect(response.body.errors[0]).toMatchObject({ field: 'file', message: expect.stringContaining('macros') });
    });

    it('an old (3.x) or unknown version: 422 with the version found and those supported', async () => {
      const response = await refused(await filledRmi('CMRT', { 'Revision!B59': '3.02' }), 422);
      expect(response.body.detail).toContain('3.02');
      expect(response.body.errors).toEqual([{ field: 'Revision!B59', message: 'CMRT version 3.02 is not supported; supported versions: CMRT 6.x and EMRT 2.x' }]);
      const emrt = await refused(await filledRmi('EMRT', { 'Revision!B21': '1.3' }), 422);
      expect(emrt.body.errors[0]).toMatchObject({ field: 'Revision!B21', message: expect.stringContaining('EMRT version 1.3') });
    });

    it('a missing company name, a smelter row without name or id, a date as text: 422 per cell', async () => {
      const response = await refused(
        await filledRmi('CMRT', { 'Declaration!D8': null, 'Declaration!D22': 'first of May', 'Smelter List!B7': 'Tin', 'Smelter List!B8': null, 'Smelter List!D8': 'No Metal Smelter' }),
        422,
      );
      expect(response.body.errors).toEqual([
        { field: 'Declaration!D8', message: 'Company name is required' },
        { field: 'Declaration!D22', message: expect.stringContaining('must be a date') },
        { field: 'Smelter List!D7', message: 'Give the smelter name or its identification number' },
        { field: 'Smelter List!B8', message: 'Metal is required for each smelter row' },
      ]);
      const emrt = await refused(await filledRmi('EMRT', { 'Mine List!A6': 'Cobalt', 'Declaration!D26': '2026/06/15' }), 422);
      expect(emrt.body.errors.map((e: { field: string }) => e.field)).toEqual(['Declaration!D26', 'Mine List!C6']);
    });

    it('a workbook that is no RMI template: 422 naming the missing sheets', async () => {
      const workbook = await filledRmiWorkbook('CMRT');
      workbook.getWorksheet('Revision')!.name = 'Revisions';
      const response = await refused(Buffer.from(await workbook.xlsx.writeBuffer()), 422);
      expect(response.body.errors).toEqual([{ field: 'Revision!A1', message: expect.stringContaining('"Revision"') }]);
    });
  });

  describe('who uploads', () => {
    it('another supplier: 404 identical to a missing contract; a buyer or auditor: 403; nothing stored', async () => {
      const file = await filledRmi('CMRT');
      const before = await counts();
      const missing = await upload(otherSupplier, randomUUID(), file).expect(404);
      const foreign = await upload(otherSupplier, contractA, file).expect(404);
      expect(comparableProblem(foreign)).toBe(comparableProblem(missing));
      await upload(supplierB, contractA, file).expect(404);
      await upload(buyer, contractA, file).expect(403);
      await upload(auditor, contractA, file).expect(403);
      await upload(otherBuyer, otherContract, file).expect(403);
      expect(await counts()).toEqual(before);
    });
  });
});
