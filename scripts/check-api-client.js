'use strict';
/**
 * CI check: apps/web/src/api/schema.d.ts is what openapi-typescript makes of the committed
 * apps/web/src/api/openapi.json (the routes e2e test checks that document against the API).
 * Fix with `npm run api:client`.
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, mkdtempSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');

const root = join(__dirname, '..');
const dir = mkdtempSync(join(os.tmpdir(), 'api-client-'));
try {
  const out = join(dir, 'schema.d.ts');
  execFileSync(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(root, 'apps/web/src/api/openapi.json'), '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (readFileSync(out, 'utf8') !== readFileSync(join(root, 'apps/web/src/api/schema.d.ts'), 'utf8')) {
    console.error('apps/web/src/api/schema.d.ts is out of date: run `npm run api:client`');
    process.exit(1);
  }
  console.log('api client: schema.d.ts matches openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
