import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import request, { Response } from 'supertest';
import { apiAs, comparableProblem, createActor, createContract, createTestApp, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';
import { zipOf as zip } from './security/fixtures/zip';

const MIB = 1024 * 1024;
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A real 1×1 RGB PNG: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type: RGB
  const scanline = Buffer.from([0, 0x2e, 0x7d, 0x32]); // filter 0, one green pixel
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(scanline)), chunk('IEND', Buffer.alloc(0))]);
}

/** The smallest Word document: its content types and a one-paragraph body. */
function minimalDocx(): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: 'word/document.xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
          '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Supplier code of conduct</w:t></w:r></w:p></w:body></w:document>',
      ),
    },
  ]);
}

/** `size` bytes that start like a PDF. */
function pdfOfSize(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  PDF.copy(bytes, 0, 0, Math.min(PDF.length, size));
  return bytes;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Every file under `dir` (relative paths), recursively; [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

interface FileToSend {
  data: Buffer;
  filename: string;
  contentType: string;
}

describe('evidence: uploads typed by content, stored privately, refused cleanly', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let otherSupplier: TestActor;
  let contractId: string;
  let templateId: string;
  let assessment: { id: string; version: number };

  const api = apiAs(() => t);

  /** A multipart upload; a field given as undefined is left out. */
  function upload(actor: TestActor, path: string, file: FileToSend | undefined, fields: Record<string, string | undefined>): request.Test {
    const r = request(t.http).post(`/api/v1${path}`).set('authorization', actor.auth);
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) r.field(name, value);
    if (file) r.attach('file', file.data, { filename: file.filename, contentType: file.contentType });
    return r;
  }

  const toAnswer = (id: string, file: FileToSend, fields: Record<string, string | undefined> = {}) =>
    upload(supplier, `/assessments/${id}/evidence`, file, { questionCode: 'MS-01', documentDate: '2026-03-01', ...fields });

  async function issue(): Promise<{ id: string; version: number }> {
    const issued = await api(buyer).post('/assessments', { contractId, templateId, dueDate: '2099-01-31' }).expect(201);
    return { id: issued.body.id, version: issued.body.version };
  }

  async function evidenceRows(): Promise<number> {
    const { rows } = await t.sql.query<{ count: string }>('SELECT count(*) FROM evidence_files');
    return Number(rows[0].count);
  }

  /** Runs the request, then checks that it left no row and no file behind (and nothing in incoming/). */
  async function expectNothingStored(send: () => Promise<Response>): Promise<Response> {
    const rowsBefore = await evidenceRows();
    const filesBefore = filesUnder(t.config.filesDir);
    const response = await send();
    expect(await evidenceRows()).toBe(rowsBefore);
    expect(filesUnder(t.config.filesDir)).toEqual(filesBefore);
    expect(filesUnder(join(t.config.filesDir, 'incoming'))).toEqual([]);
    return response;
  }

  const fields = (response: Response): string[] => (response.body.errors ?? []).map((e: { field: string }) => e.field);

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_MAX_MB: '1' });
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    otherSupplier = await createActor(t, 'supplier', 'admin');
    contractId = (await createContract(t, buyer, supplier)).id;
    await createContract(t, buyer, otherSupplier);
    templateId = (await publishedTemplate(t, buyer, smallDefinition())).id;
    assessment = await issue();
  });
  afterAll(() => t.close());

  describe('accepted by their content, whatever their name or declared type', () => {
    const cases: Array<[string, () => FileToSend, string]> = [
      ['a PDF', () => ({ data: PDF, filename: 'human-rights-policy.pdf', contentType: 'application/pdf' }), 'application/pdf'],
      ['a PNG named .pdf and declared a PDF', () => ({ data: tinyPng(), filename: 'scan.pdf', contentType: 'application/pdf' }), 'image/png'],
      ['a DOCX named .txt and declared text', () => ({ data: minimalDocx(), filename: 'code-of-conduct.txt', contentType: 'text/plain' }), DOCX_MIME],
    ];

    it.each(cases)('%s: typed, hashed, kept under FILES_DIR only, downloaded byte for byte', async (_name, make, expectedType) => {
      const file = make();
      const created = await toAnswer(assessment.id, file).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        questionCode: 'MS-01',
        fileName: file.filename,
        contentType: expectedType,
        sizeBytes: file.data.length,
        sha256: sha256(file.data),
        documentDate: '2026-03-01',
        uploadedAt: expect.any(String),
        revisionAdded: 1,
      });

      // Stored once, under FILES_DIR, outside incoming/ and outside the application's own tree.
      const filesDir = resolve(t.config.filesDir);
      const stored = filesUnder(filesDir).filter((name) => sha256(readFileSync(join(filesDir, name))) === sha256(file.data));
      expect(stored).toHaveLength(1);
      expect(stored[0].startsWith(`incoming${sep}`)).toBe(false);
      expect(relative(process.cwd(), filesDir).startsWith('..')).toBe(true);
      expect(statSync(join(filesDir, stored[0])).mode & 0o077).toBe(0); // readable by the server's user only
      // The storage key never leaves the server, and the store is not served as static files.
      expect(JSON.stringify(created.body)).not.toContain(stored[0].split(sep).pop()!);
      for (const path of [`/${stored[0].split(sep).join('/')}`, `/files/${stored[0].split(sep).join('/')}`, `/api/v1/files/${stored[0].split(sep).join('/')}`]) {
        const res = await request(t.http).get(path).set('authorization', supplier.auth).buffer(true);
        // Paths outside the API are the web portal's deep links (its index.html, when it is built): never the file.
        if (path.startsWith('/api/')) expect(res.status).toBe(404);
        else expect(res.status === 404 || /^text\/html/.test(res.headers['content-type'])).toBe(true);
        expect(Buffer.isBuffer(res.body) && res.body.equals(file.data)).toBe(false);
        expect(res.text ?? '').not.toContain(file.data.subarray(0, 64).toString('latin1'));
      }

      // Listed with the answer.
      const view = await api(supplier).get(`/assessments/${assessment.id}`).expect(200);
      expect(view.body.evidence).toContainEqual(created.body);

      const downloaded = await api(supplier).download(created.body.id).expect(200);
      expect(downloaded.headers['content-type']).toBe(expectedType);
      expect(downloaded.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${file.filename.replace('.', '\\.')}"`));
      expect(downloaded.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sha256(file.data), 'hex').toString('base64')}:`);
      expect(Buffer.compare(downloaded.body as Buffer, file.data)).toBe(0);
      // The buyer of the contract downloads it too; nobody logged out does.
      await api(buyer).download(created.body.id).expect(200);
      await request(t.http).get(`/api/v1/evidence/${created.body.id}`).expect(401);
    });

    it('keeps a non-ASCII file name as sent and downloads it under a header-safe name', async () => {
      const name = 'Politique droits humains été.pdf';
      const created = await toAnswer(assessment.id, { data: PDF, filename: name, contentType: 'application/pdf' }).expect(201);
      expect(created.body.fileName).toBe(name);
      const downloaded = await api(supplier).download(created.body.id).expect(200);
      expect(downloaded.headers['content-disposition']).toBe(`attachment; filename="Politique droits humains _t_.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
    });

    it('accepts a file of exactly the size limit', async () => {
      const file = pdfOfSize(MIB);
      const created = await toAnswer(assessment.id, { data: file, filename: 'exactly-one-mib.pdf', contentType: 'application/pdf' }).expect(201);
      expect(created.body).toMatchObject({ contentType: 'application/pdf', sizeBytes: MIB, sha256: sha256(file) });
    });
  });

  describe('refused by content, with nothing stored', () => {
    const html = Buffer.from('<!DOCTYPE html><html><head><title>Policy</title></head><body><script>fetch("/api/v1/users")</script><p>Policy</p></body></html>\n');
    const svg = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>\n');
    const cases: Array<[string, FileToSend]> = [
      ['HTML renamed .pdf and declared a PDF', { data: html, filename: 'policy.pdf', contentType: 'application/pdf' }],
      ['an SVG with a script', { data: svg, filename: 'logo.svg', contentType: 'image/svg+xml' }],
      ['an SVG with a script named .png', { data: svg, filename: 'logo.png', contentType: 'image/png' }],
      ['a plain text file', { data: Buffer.from('We respect human rights.\n'), filename: 'policy.txt', contentType: 'text/plain' }],
      ['a zip that is no office document', { data: zip([{ name: 'readme.txt', data: Buffer.from('hello') }]), filename: 'archive.docx', contentType: DOCX_MIME }],
    ];

    it.each(cases)('%s: 415 unsupported_file_type', async (_name, file) => {
      const refused = await expectNothingStored(() => toAnswer(assessment.id, file));
      expect(refused.status).toBe(415);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.code).toBe('unsupported_file_type');
      expect(fields(refused)).toEqual(['file']);
    });

    it('an empty file: 400 naming file', async () => {
      const refused = await expectNothingStored(() => toAnswer(assessment.id, { data: Buffer.alloc(0), filename: 'empty.pdf', contentType: 'application/pdf' }));
      expect(refused.status).toBe(400);
      expect(fields(refused)).toEqual(['file']);
    });

    it('one byte over the limit: 413 file_too_large', async () => {
      const refused = await expectNothingStored(() => toAnswer(assessment.id, { data: pdfOfSize(MIB + 1), filename: 'too-big.pdf', contentType: 'application/pdf' }));
      expect(refused.status).toBe(413);
      expect(refused.body.code).toBe('file_too_large');
    });
  });

  describe('missing or invalid fields: 400 naming the field, nothing stored', () => {
    const pdf: FileToSend = { data: PDF, filename: 'policy.pdf', contentType: 'application/pdf' };
    const cases: Array<[string, Record<string, string | undefined>, string]> = [
      ['no questionCode', { questionCode: undefined }, 'questionCode'],
      ['an unknown questionCode', { questionCode: 'ZZ-99' }, 'questionCode'],
      ['no documentDate', { documentDate: undefined }, 'documentDate'],
      ['a documentDate that does not exist', { documentDate: '2026-02-30' }, 'documentDate'],
      ['a documentDate that is no date', { documentDate: '1 March 2026' }, 'documentDate'],
      ['a documentDate in the future', { documentDate: '2099-12-31' }, 'documentDate'],
      ['an unknown field', { comment: 'hello' }, 'comment'],
    ];

    it.each(cases)('%s', async (_name, override, field) => {
      const refused = await expectNothingStored(() => toAnswer(assessment.id, pdf, override));
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(fields(refused)).toEqual([field]);
    });

    it('no file part: 400 naming file', async () => {
      const refused = await expectNothingStored(() => upload(supplier, `/assessments/${assessment.id}/evidence`, undefined, { questionCode: 'MS-01', documentDate: '2026-03-01' }));
      expect(refused.status).toBe(400);
      expect(fields(refused)).toEqual(['file']);
    });

    it('a second file part: 400', async () => {
      const refused = await expectNothingStored(() =>
        toAnswer(assessment.id, pdf).attach('file', tinyPng(), { filename: 'second.png', contentType: 'image/png' }),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
    });

    it('a file in another field than "file": 400', async () => {
      const refused = await expectNothingStored(() =>
        request(t.http)
          .post(`/api/v1/assessments/${assessment.id}/evidence`)
          .set('authorization', supplier.auth)
          .field('questionCode', 'MS-01')
          .field('documentDate', '2026-03-01')
          .attach('document', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' }),
      );
      expect(refused.status).toBe(400);
    });

    it('a JSON body instead of multipart: 415', async () => {
      const refused = await expectNothingStored(() => api(supplier).post(`/assessments/${assessment.id}/evidence`, { questionCode: 'MS-01', documentDate: '2026-03-01', file: PDF.toString('base64') }));
      expect(refused.status).toBe(415);
      expect(refused.body.code).toBe('unsupported_media_type');
    });
  });

  describe('who uploads', () => {
    const pdf: FileToSend = { data: PDF, filename: 'policy.pdf', contentType: 'application/pdf' };

    it('another supplier: 404, as for an assessment that does not exist', async () => {
      const denied = await expectNothingStored(() => upload(otherSupplier, `/assessments/${assessment.id}/evidence`, pdf, { questionCode: 'MS-01', documentDate: '2026-03-01' }));
      const missing = await upload(otherSupplier, `/assessments/${randomUUID()}/evidence`, pdf, { questionCode: 'MS-01', documentDate: '2026-03-01' });
      expect(denied.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(comparableProblem(denied)).toBe(comparableProblem(missing));
    });

    it('the buyer, to an answer: 403', async () => {
      const denied = await expectNothingStored(() => upload(buyer, `/assessments/${assessment.id}/evidence`, pdf, { questionCode: 'MS-01', documentDate: '2026-03-01' }));
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('forbidden');
    });

    it('the supplier, after submission: 409 invalid_state', async () => {
      const open = await issue();
      await toAnswer(open.id, pdf).expect(201);
      const saved = await api(supplier)
        .put(`/assessments/${open.id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'FL-02', value: 'no' }, { questionCode: 'HW-01', value: 40 }] }, open.version)
        .expect(200);
      await api(supplier).post(`/assessments/${open.id}/submit`, undefined, saved.body.version).expect(200);
      const late = await expectNothingStored(() => toAnswer(open.id, pdf));
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('invalid_state');
    });
  });

  describe('evidence of a finding', () => {
    it('a buyer attaches an audit report to a manual finding; the supplier of the contract reads and downloads it', async () => {
      const finding = await api(buyer)
        .post('/findings', { contractId, severity: 'high', theme: 'working_hours_wages', title: 'Excessive overtime at the final assembly site', description: 'On-site audit of 14 October 2026.' })
        .expect(201);
      expect(finding.body).toMatchObject({ source: 'manual', contractId, assessmentId: null });
      const report = pdfOfSize(4096);

      // Refused types leave nothing behind here too; the supplier does not add evidence to findings.
      const html = await expectNothingStored(() =>
        upload(buyer, `/findings/${finding.body.id}/evidence`, { data: Buffer.from('<html><body>report</body></html>'), filename: 'report.pdf', contentType: 'application/pdf' }, { documentDate: '2026-10-14' }),
      );
      expect(html.status).toBe(415);
      const bySupplier = await expectNothingStored(() =>
        upload(supplier, `/findings/${finding.body.id}/evidence`, { data: report, filename: 'report.pdf', contentType: 'application/pdf' }, { documentDate: '2026-10-14' }),
      );
      expect(bySupplier.status).toBe(403);
      const undated = await expectNothingStored(() => upload(buyer, `/findings/${finding.body.id}/evidence`, { data: report, filename: 'report.pdf', contentType: 'application/pdf' }, {}));
      expect(undated.status).toBe(400);
      expect(fields(undated)).toEqual(['documentDate']);

      const created = await upload(buyer, `/findings/${finding.body.id}/evidence`, { data: report, filename: 'audit-report.pdf', contentType: 'application/pdf' }, { documentDate: '2026-10-14' }).expect(201);
      expect(created.body).toMatchObject({ questionCode: null, fileName: 'audit-report.pdf', contentType: 'application/pdf', sizeBytes: report.length, sha256: sha256(report), documentDate: '2026-10-14', revisionAdded: null });

      for (const reader of [buyer, supplier]) {
        const list = await api(reader).get(`/findings/${finding.body.id}/evidence`).expect(200);
        expect(list.body).toEqual([created.body]);
      }
      const downloaded = await api(supplier).download(created.body.id).expect(200);
      expect(downloaded.headers['content-disposition']).toMatch(/^attachment; filename="audit-report\.pdf"/);
      expect(Buffer.compare(downloaded.body as Buffer, report)).toBe(0);

      // Not the other supplier's to see.
      await api(otherSupplier).get(`/findings/${finding.body.id}/evidence`).expect(404);
      await api(otherSupplier).download(created.body.id).expect(404);
    });
  });
});
