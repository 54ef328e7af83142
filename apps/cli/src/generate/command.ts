import { Client } from 'pg';
import { GenerateInput, GenerateProgress, GenerateRefused, GenerateSummary, generate } from './generate';
import { DEFAULT_OPTIONS, GenerateOptions } from './plan';

export interface GenerateArgs {
  authorities?: string;
  suppliers?: string;
  contracts?: string;
  assessments?: string;
  seed?: string;
  chunk?: string;
  today?: string;
  force?: boolean;
}

export const GENERATE_USAGE = `  generate [--authorities N] [--suppliers N] [--contracts N] [--assessments N] [--seed N] [--chunk N] [--today YYYY-MM-DD] [--force]
                                 fill the database with realistic, deterministic data (defaults: ${DEFAULT_OPTIONS.authorities}, ${DEFAULT_OPTIONS.suppliers},
                                 ${DEFAULT_OPTIONS.contracts}, ${DEFAULT_OPTIONS.assessments}, seed ${DEFAULT_OPTIONS.seed}); run again with the same options to resume
                                 (docs/data-generator.md)`;

/** Exit code 2 and why, when the environment is production and --force was not given; else undefined. */
export function refuseProduction(force: boolean | undefined, print: (line: string) => void): number | undefined {
  if (process.env.NODE_ENV !== 'production' || force) return undefined;
  print('generate refuses to run with NODE_ENV=production (it writes thousands of fake organisations); pass --force if you really mean it');
  return 2;
}

function parseOptions(args: GenerateArgs): GenerateInput {
  const int = (name: keyof GenerateArgs): number | undefined => {
    const text = args[name];
    if (text === undefined) return undefined;
    if (typeof text !== 'string' || !/^\d+$/.test(text)) throw new GenerateRefused(`--${name} takes a whole number, not ${String(text)}`);
    return Number(text);
  };
  if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw new GenerateRefused('--today takes a date YYYY-MM-DD');
  return {
    authorities: int('authorities'),
    suppliers: int('suppliers'),
    contracts: int('contracts'),
    assessments: int('assessments'),
    seed: int('seed'),
    chunk: int('chunk'),
    today: args.today,
    force: args.force,
  };
}

/** A progress bar on stderr over every chunk of every phase. */
function progressBar(options: GenerateOptions): { update: (p: GenerateProgress) => void; stop: () => void } {
  // A dev dependency, loaded with the command only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cliProgress = require('cli-progress') as typeof import('cli-progress');
  const chunks = (n: number): number => Math.ceil(n / options.chunk);
  const total = chunks(options.authorities) + chunks(Math.max(1, Math.ceil(options.authorities / 20))) + chunks(options.suppliers) + chunks(options.contracts) + chunks(options.assessments);
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} chunks | {phase} | {rows} rows | {rate} rows/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { phase: 'authorities', rows: 0, rate: 0 });
  const started = performance.now();
  let done = 0;
  let rows = 0;
  return {
    update: (p) => {
      done++;
      rows += p.rows;
      bar.update(done, { phase: `${p.phase}${p.skipped ? ' (already there)' : ''}`, rows: rows.toLocaleString('en-US'), rate: Math.round(rows / ((performance.now() - started) / 1000)).toLocaleString('en-US') });
    },
    stop: () => bar.stop(),
  };
}

function printSummary(summary: GenerateSummary, print: (line: string) => void): void {
  let written = 0;
  print(`\n${'table'.padEnd(24)} ${'written'.padStart(11)} ${'in table'.padStart(11)}`);
  for (const [table, { written: w, total }] of Object.entries(summary.tables)) {
    print(`${table.padEnd(24)} ${w.toLocaleString('en-US').padStart(11)} ${total.toLocaleString('en-US').padStart(11)}`);
    written += w;
  }
  print(`${'total'.padEnd(24)} ${written.toLocaleString('en-US').padStart(11)}`);
  print(`\n${summary.chunks.written} chunks written, ${summary.chunks.skipped} already there; ${summary.seconds.toFixed(1)} s, ${Math.round(written / summary.seconds).toLocaleString('en-US')} rows/s; data as of ${summary.today}`);
  print(`no audit events are written (the audit chain stays as it was: verify-audit passes)`);
  print(`\nlog in with password ${summary.logins.password}, e.g.`);
  print(`  authority admin  ${summary.logins.authorityAdmin}`);
  print(`  supplier admin   ${summary.logins.supplierAdmin}`);
  print(`  auditor admin    ${summary.logins.auditorAdmin}`);
}

/** `generate`: the checks, the run with its progress bar, the summary. Answers the exit code. */
export async function generateCommand(databaseUrl: string, args: GenerateArgs, print: (line: string) => void): Promise<number> {
  const refused = refuseProduction(args.force, print);
  if (refused !== undefined) return refused;
  let input: GenerateInput;
  try {
    input = parseOptions(args);
  } catch (error) {
    print((error as Error).message);
    return 2;
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  client.on('error', () => undefined);
  const bar = progressBar({ ...DEFAULT_OPTIONS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as GenerateOptions);
  let stopping = false;
  // Ctrl-C: the current chunk's transaction is rolled back by the server when the connection closes; run again to resume.
  const onSignal = (): void => {
    if (stopping) return;
    stopping = true;
    bar.stop();
    process.stderr.write('\ninterrupted: run the same command again to finish (written chunks are kept)\n');
    void client.end().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await generate(client, input, bar.update);
    bar.stop();
    printSummary(summary, print);
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof GenerateRefused) {
      print(error.message);
      return 2;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!stopping) await client.end();
  }
}
