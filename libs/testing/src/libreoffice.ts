import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Opens a workbook in LibreOffice Calc (headless) and converts every sheet to CSV: proof that a
 * file we produce opens without a repair. Answers the CSV text of each sheet, in sheet order.
 * Fails when LibreOffice is missing (CI installs it; locally: apt-get install libreoffice-calc-nogui),
 * when it cannot read the file, or when a sheet is missing from its output.
 */
export async function openInLibreOffice(file: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ddp-lo-'));
  try {
    // Its own profile: conversions of parallel test files do not share (and lock) one.
    await run(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, file],
      { timeout: 120_000 },
    ).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui');
      throw error;
    });
    const stem = basename(file).replace(/\.xlsx$/i, '');
    const outputs = readdirSync(dir).filter((f) => f.startsWith(stem) && f.endsWith('.csv')).sort();
    if (outputs.length === 0) throw new Error(`LibreOffice could not open ${file}`);
    return outputs.map((f) => readFileSync(join(dir, f), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
