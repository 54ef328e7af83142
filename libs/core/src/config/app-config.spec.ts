import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const SECRET = 'x'.repeat(32);

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ JWT_SECRET: SECRET });
    expect(config).toMatchObject({ PORT: 3000, ACCESS_TOKEN_TTL_SECONDS: 900, INVITATION_TTL_DAYS: 7, RATE_LIMIT_AUTH_PER_MINUTE: 10, ARGON2_MEMORY_KIB: 19456, DEMO: false });
    expect(config.corsOrigins).toEqual([]);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET, PORT: 'eighty', ARGON2_MEMORY_KIB: '1024', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ JWT_SECRET: SECRET, PORT: 'eighty', ARGON2_MEMORY_KIB: '1024', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/ARGON2_MEMORY_KIB/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('requires JWT_SECRET in production and generates one, shared by the install, elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    const dir = mkdtempSync(join(tmpdir(), 'ddp-config-'));
    try {
      const first = loadConfig({ DATA_DIR: dir });
      const second = loadConfig({ DATA_DIR: dir });
      expect(first.JWT_SECRET!.length).toBeGreaterThanOrEqual(32);
      expect(second.JWT_SECRET).toBe(first.JWT_SECRET);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first.JWT_SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads booleans and lists', () => {
    const config = loadConfig({ JWT_SECRET: SECRET, DEMO: '1', TRUST_PROXY: 'true', CORS_ORIGINS: ' https://a.example ,https://b.example,' });
    expect(config.DEMO).toBe(true);
    expect(config.trustProxy).toBe(true);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});

describe('trustProxy', () => {
  it.each([
    ['false', false],
    ['1', 1],
    ['true', true],
    ['10.0.0.0/8, 127.0.0.1', '10.0.0.0/8, 127.0.0.1'],
  ])('reads %p', (value, expected) => {
    expect(loadConfig({ JWT_SECRET: SECRET, TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('refuses anything else', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET, TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });
});

describe('publicLink', () => {
  it.each([
    ['https://portal.example', 'https://portal.example/invitations/accept?token=abc_-1'],
    ['https://portal.example/', 'https://portal.example/invitations/accept?token=abc_-1'],
    ['https://host.example/portal', 'https://host.example/portal/invitations/accept?token=abc_-1'],
    ['https://host.example/portal/', 'https://host.example/portal/invitations/accept?token=abc_-1'],
  ])('keeps the base path of %p', (base, expected) => {
    expect(loadConfig({ JWT_SECRET: SECRET, PUBLIC_URL: base }).publicLink('/invitations/accept', { token: 'abc_-1' })).toBe(expected);
  });
});
