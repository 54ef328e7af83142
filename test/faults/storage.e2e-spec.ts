import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import JSZip from 'jszip';
import { INestApplicationContext } from '@nestjs/common';
import { binaryParser, createActor, createContract, createTestApp, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';
import { seedAnswers } from '../support/answer-data';
import { ExportJob } from '../../apps/worker/src/jobs/export.job';

const KIB = 1024;
/** The file store: a tmpfs this small, so that a test can fill it. */
const STORE_KIB = 512;
const PDF_HEAD = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** `size` bytes that start like a PDF. */
function pdf(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  PDF_HEAD.copy(bytes);
  return bytes;
}

/** Every file under `dir` (relative paths); [] when it does not exist or is not a folder. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dir, name)).isFile()).sort();
}

const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });

/**
 * The file store full, read-only or not a folder at all: uploads answer 507 problem+json and leave
 * no row and no file behind; an export that cannot be written is retried, never published partly.
 * The store is a small tmpfs mounted by the test (root, as in CI).
 */
describe('a full or unwritable file store', () => {
  let root: string;
  let store: string;
  let filler: string;
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let assessmentId: string;

  const upload = (data: Buffer) =>
    request(t.http)
      .post(`/api/v1/assessments/${assessmentId}/evidence`)
      .set('authorization', supplier.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', '2026-03-01')
      .attach('file', data, { filename: 'policy.pdf', contentType: 'application/pdf' });

  const evidenceRows = async () => Number((await t.sql.query<{ n: string }>('SELECT count(*) AS n FROM evidence_files')).rows[0].n);

  /** Runs the upload and checks it was refused with 507 problem+json, leaving no row and no file. */
  async function refusedCleanly(data: Buffer): Promise<void> {
    const rowsBefore = await evidenceRows();
    const filesBefore = filesUnder(store);
    const res = await upload(data);
    expect(res.status).toBe(507);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 507, code: 'storage_unavailable' });
    expect(JSON.stringify(res.body)).not.toMatch(/ENOSPC|EROFS|ENOTDIR|\n\s+at |\/tmp\//);
    expect(await evidenceRows()).toBe(rowsBefore);
    expect(filesUnder(store)).toEqual(filesBefore);
    expect(filesUnder(join(store, 'incoming'))).toEqual([]);
  }

  /** Fills the store but for about `freeKib`. */
  function fillLeaving(freeKib: number): void {
    const free = Number(execFileSync('df', ['--output=avail', '-B1', store]).toString().split('\n')[1].trim());
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - freeKib * KIB)));
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ddp-faults-store-'));
    store = join(root, 'files');
    mkdirSync(store);
    try {
      mount('-t', 'tmpfs', '-o', `size=${STORE_KIB}k,mode=0700`, 'tmpfs', store);
    } catch (error) {
      throw new Error(`this test mounts a small tmpfs as the file store and must run as root where mount is allowed: ${(error as Error).message}`);
    }
    filler = join(store, 'filler');
    t = await createTestApp({ FILES_DIR: store });
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    const contract = await createContract(t, buyer, supplier);
    const template = await publishedTemplate(t, buyer, smallDefinition());
    assessmentId = (await request(t.http).post('/api/v1/assessments').set('authorization', buyer.auth).send({ contractId: contract.id, templateId: template.id, dueDate: '2099-01-31' }).expect(201)).body.id;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    try {
      execFileSync('umount', [store], { stdio: 'pipe' });
    } catch {
      // not mounted any more (the last test unmounts it)
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('stores an upload while there is room (the set-up works)', async () => {
    await upload(pdf(8 * KIB)).expect(201);
    expect(filesUnder(store).filter((f) => !f.startsWith('incoming'))).toHaveLength(1);
  });

  it('answers 507 when the disk fills during an upload, and keeps nothing', async () => {
    fillLeaving(64);
    await refusedCleanly(pdf(200 * KIB));
    unlinkSync(filler);
  });

  it('fails an export that cannot be written, keeps it for a retry, serves no part of it, and publishes it once there is room', async () => {
    const { auth, contractIds } = await seedAnswers(t, 'Full disk', 'FULL-1', 5000);
    const id = (await request(t.http).post('/api/v1/exports').set('authorization', auth).send({ scope: { contractIds: [contractIds['FULL-1']] } }).expect(202)).body.id as string;
    const download = () => request(t.http).get(`/api/v1/exports/${id}/file`).set('authorization', auth).buffer(true).parse(binaryParser as never);
    const worker: INestApplicationContext = await t.startWorker({ FILES_DIR: store });
    fillLeaving(32);
    const keptBefore = filesUnder(store);
    const first = await worker.get(ExportJob).run();
    expect(first).toMatchObject({ done: 0, failed: 1 });
    const { rows: failed } = await t.sql.query('SELECT status, attempts, storage_key, error FROM exports WHERE id = $1', [id]);
    expect(failed[0]).toMatchObject({ status: 'queued', attempts: 1, storage_key: null, error: 'The export could not be written; it is retried' });
    expect(filesUnder(store)).toEqual(keptBefore); // no partial workbook left, in incoming/ or elsewhere
    expect((await download()).status).toBe(409);

    unlinkSync(filler);
    const second = await worker.get(ExportJob).run();
    expect(second).toMatchObject({ done: 1, failed: 0 });
    const res = await download();
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(res.body as Buffer); // a whole workbook: its parts all there
    expect(zip.file('xl/workbook.xml')).not.toBeNull();
    expect(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).length).toBeGreaterThanOrEqual(10);
    expect(filesUnder(join(store, 'incoming'))).toEqual([]);
  }, 60_000);

  it('answers 507 when the store is read-only, and keeps nothing', async () => {
    mount('-o', 'remount,ro', store);
    try {
      await refusedCleanly(pdf(8 * KIB));
    } finally {
      mount('-o', 'remount,rw', store);
    }
  });

  it('answers 507 when the store is not a folder (a lost mount replaced by a file), and keeps nothing', async () => {
    execFileSync('umount', [store]);
    rmSync(store, { recursive: true, force: true });
    writeFileSync(store, 'not a folder');
    const rowsBefore = await evidenceRows();
    const res = await upload(pdf(8 * KIB));
    expect(res.status).toBe(507);
    expect(res.body).toMatchObject({ status: 507, code: 'storage_unavailable' });
    expect(await evidenceRows()).toBe(rowsBefore);
  });
});
