import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertReachable, EmbeddedDatabaseError, withDatabase } from './embedded-database';

describe('assertReachable', () => {
  let root: string;
  const stranger = { uid: 54321, gid: 54321 };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ddp-reach-'));
    chmodSync(root, 0o755);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes when every folder on the way can be entered', () => {
    mkdirSync(join(root, 'project', 'node_modules'), { recursive: true });
    expect(() => assertReachable(stranger, [join(root, 'project', 'node_modules', 'postgres')])).not.toThrow();
  });

  it('names the blocking folder and both fixes, like a project under /root', () => {
    const home = join(root, 'home');
    mkdirSync(join(home, 'project'), { recursive: true });
    chmodSync(home, 0o700);
    let message = '';
    try {
      assertReachable(stranger, [join(home, 'project', 'bin', 'postgres')]);
    } catch (error) {
      expect(error).toBeInstanceOf(EmbeddedDatabaseError);
      message = (error as Error).message;
    }
    expect(message).toContain(`cannot enter ${home}`);
    expect(message).toContain('DATABASE_URL');
    expect(message).toMatch(/move (the project|DATA_DIR)/);
  });

  it('lets the owner in through the owner bits only', () => {
    const own = join(root, 'own');
    mkdirSync(own);
    chmodSync(own, 0o700);
    const me = { uid: process.getuid!(), gid: process.getgid!() };
    expect(() => assertReachable(me, [join(own, 'x')])).not.toThrow();
  });
});

describe('withDatabase', () => {
  it('swaps the database and keeps credentials, host and options', () => {
    expect(withDatabase('postgres://u:p%40ss@127.0.0.1:5433/postgres?sslmode=disable', 'portal')).toBe('postgres://u:p%40ss@127.0.0.1:5433/portal?sslmode=disable');
  });
});
