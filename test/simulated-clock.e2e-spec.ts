import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, ConfigError, loadConfig } from '@ddp/core';
import { createTestDatabase, dropTestDatabase, TEST_JWT_SECRET } from '@ddp/testing';
import { createApiApp } from '../apps/api/src/create-api-app';
import { createWorker } from '../apps/worker/src/create-worker';

const SIMULATED_START = Date.parse('2030-06-15T10:00:00Z');

/**
 * SIMULATED_CLOCK: separate processes (several apis and workers of a load run) share one simulated
 * time by computing it from the same setting, not by sharing a Clock object.
 */
describe('SIMULATED_CLOCK', () => {
  it('is read as <simulated start>@<real start>x<rate>, refused when malformed, and refused in production', () => {
    const base = { JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: tmpdir() };
    expect(loadConfig({ ...base, NODE_ENV: 'development', SIMULATED_CLOCK: '2030-06-15T10:00:00Z@1800000000000x60' }).SIMULATED_CLOCK).toBe('2030-06-15T10:00:00Z@1800000000000x60');
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).SIMULATED_CLOCK).toBeUndefined();
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', SIMULATED_CLOCK: '2030-06-15T10:00:00Z@1800000000000x60' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', SIMULATED_CLOCK: '2030-06-15T10:00:00Z@1800000000000x60' })).toThrow(/SIMULATED_CLOCK: refused in production/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'test', SIMULATED_CLOCK: 'next tuesday' })).toThrow(/SIMULATED_CLOCK: must be/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'test', SIMULATED_CLOCK: '2030-06-15T10:00:00Z@1800000000000x0' })).toThrow(/SIMULATED_CLOCK: the rate must be above 0/);
  });

  describe('an api and a worker made from one setting', () => {
    let database: { name: string; url: string };
    let dataDir: string;
    let api: NestFastifyApplication;
    let worker: INestApplicationContext;
    let realStart: number;

    beforeAll(async () => {
      database = await createTestDatabase();
      dataDir = mkdtempSync(join(tmpdir(), 'ddp-simulated-clock-'));
      realStart = Date.now();
      const config = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        JWT_SECRET: TEST_JWT_SECRET,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        // A simulated minute per real second.
        SIMULATED_CLOCK: `${new Date(SIMULATED_START).toISOString()}@${realStart}x60`,
      });
      // No `clock` option: each builds its own Clock from the configuration, as a process does.
      api = await createApiApp(config, { logger: false });
      await api.init();
      worker = await createWorker(config, { logger: false, scheduler: false });
    });

    afterAll(async () => {
      await worker?.close();
      await api?.close();
      await dropTestDatabase(database.name);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('run two Clock instances that agree, on the simulated time at its rate', async () => {
      const apiClock = api.get(Clock);
      const workerClock = worker.get(Clock);
      expect(apiClock).not.toBe(workerClock);

      const first = [apiClock.now().getTime(), workerClock.now().getTime()];
      // The same instant within what the two calls' real milliseconds are worth (x60).
      expect(Math.abs(first[0] - first[1])).toBeLessThan(60 * 50);
      const expected = SIMULATED_START + (Date.now() - realStart) * 60;
      expect(Math.abs(first[0] - expected)).toBeLessThan(60 * 200);

      await new Promise((resolve) => setTimeout(resolve, 1000));
      const second = [apiClock.now().getTime(), workerClock.now().getTime()];
      // One real second later: about a simulated minute later on both.
      for (const [i, now] of second.entries()) {
        expect(now - first[i]).toBeGreaterThanOrEqual(60 * 900);
        expect(now - first[i]).toBeLessThan(60 * 3000);
      }
      expect(Math.abs(second[0] - second[1])).toBeLessThan(60 * 50);
    });
  });
});
