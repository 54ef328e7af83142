import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { parseSimulatedClock } from '../time/clock';

const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/**
 * Every setting of the product, read from the environment once and validated.
 * The README's configuration table mirrors this class; keep them together.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Public base URL used in mails (invitation links). */
  @IsUrl({ require_tld: false })
  PUBLIC_URL = 'http://localhost:3000';

  /** Unset: an embedded PostgreSQL is started with its data under DATA_DIR/postgres. */
  @IsOptional() @IsString()
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  /** Where uploaded evidence is stored (outside any web root), under random keys. */
  @IsOptional() @IsString()
  FILES_DIR?: string;

  /** The built web portal served at `/` (`npm run build` writes dist/web); unset: dist/web of this installation. */
  @IsOptional() @IsString()
  WEB_DIR?: string;

  /** The largest evidence file accepted, in MiB. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1024)
  UPLOAD_MAX_MB = 25;

  @Type(() => Number) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Type(() => Number) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 10;

  /** HS256 key for access tokens. Required in production; generated once into DATA_DIR otherwise. */
  @IsOptional() @IsString() @MinLength(32)
  JWT_SECRET?: string;

  @IsString()
  JWT_ISSUER = 'due-diligence-portal';

  @IsString()
  JWT_AUDIENCE = 'due-diligence-portal-api';

  @Type(() => Number) @IsInt() @Min(60) @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number) @IsInt() @Min(1) @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * Seconds during which a just-rotated refresh token is still taken, rotating the session's current
   * token instead of ending the session: two tabs refreshing at once, or a response lost when a page
   * navigated away, would otherwise look like a replay. 0: any reuse ends the session.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(120)
  REFRESH_REUSE_GRACE_SECONDS = 30;

  @Type(() => Number) @IsInt() @Min(1) @Max(30)
  INVITATION_TTL_DAYS = 7;

  @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  INVITATION_PURGE_AFTER_DAYS = 30;

  @Type(() => Number) @IsInt() @Min(5) @Max(1440)
  PASSWORD_RESET_TTL_MINUTES = 60;

  /** smtp://user:pass@host:port or smtps://…; unset: mails are written as .eml files into MAIL_DIR. */
  @IsOptional() @IsString()
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Due-Diligence Portal <no-reply@localhost>';

  @IsOptional() @IsString()
  MAIL_DIR?: string;

  @Type(() => Number) @IsInt() @Min(100) @Max(600000)
  MAIL_POLL_INTERVAL_MS = 2000;

  @IsEmail({ require_tld: false })
  ADMIN_EMAIL = 'admin@localhost';

  @IsString() @MinLength(12)
  ADMIN_PASSWORD = 'Portal-Local-Only-2026';

  @Transform(toBool) @IsBoolean()
  DEMO = false;

  @Type(() => Number) @IsInt() @Min(1) @Max(10000)
  RATE_LIMIT_AUTH_PER_MINUTE = 10;

  /** Comma-separated origins allowed by CORS; unset: CORS is off. */
  @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  /**
   * Which proxies' X-Forwarded-For to believe: `false`; a hop count (`1`: the one proxy in front);
   * addresses or CIDRs of the proxies (`10.0.0.0/8,127.0.0.1`); `true` trusts any client's header.
   */
  @Matches(/^(true|false|[0-9]{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, { message: 'TRUST_PROXY must be false, a hop count, or a list of proxy addresses/CIDRs' })
  TRUST_PROXY = 'false';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Type(() => Number) @IsInt() @Min(19456) @Max(1048576)
  ARGON2_MEMORY_KIB = 19456;

  @Type(() => Number) @IsInt() @Min(2) @Max(10)
  ARGON2_TIME_COST = 2;

  /**
   * Simulations only, refused in production: `<simStartISO>@<realStartEpochMs>x<rate>` makes the
   * domain's Clock run from that simulated instant at that rate, identically in every process given it.
   */
  @IsOptional() @IsString()
  SIMULATED_CLOCK?: string;

  get dataDir(): string {
    return resolve(this.DATA_DIR);
  }

  get filesDir(): string {
    return resolve(this.FILES_DIR ?? join(this.dataDir, 'files'));
  }

  get mailDir(): string {
    return resolve(this.MAIL_DIR ?? join(this.dataDir, 'mail'));
  }

  /** A link into the portal for mails; keeps a base path in PUBLIC_URL (e.g. https://host/portal). */
  publicLink(path: string, query: Record<string, string> = {}): string {
    const url = new URL(this.PUBLIC_URL);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }

  /** TRUST_PROXY in the form Fastify takes. */
  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'false') return false;
    if (this.TRUST_PROXY === 'true') return true;
    return /^[0-9]+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  get corsOrigins(): string[] {
    return (this.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  }
}

export class ConfigError extends Error {}

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof AppConfig, string>> = {}): AppConfig {
  const source: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...env, ...overrides })) {
    if (value !== undefined && value !== '') source[key] = value;
  }
  const config = plainToInstance(AppConfig, source, { excludeExtraneousValues: false });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (config.SIMULATED_CLOCK) checkSimulatedClock(config);
  if (!config.JWT_SECRET) {
    if (config.NODE_ENV === 'production') throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required in production (32+ characters)');
    config.JWT_SECRET = localSecret(config.dataDir);
  }
  return config;
}

/** A simulated time would move every deadline of real contracts: never in production, and only a well-formed one. */
function checkSimulatedClock(config: AppConfig): void {
  if (config.NODE_ENV === 'production') throw new ConfigError('Invalid configuration:\n  SIMULATED_CLOCK: refused in production (simulations and tests only)');
  try {
    parseSimulatedClock(config.SIMULATED_CLOCK!);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  SIMULATED_CLOCK: ${(error as Error).message}`);
  }
}

/** A per-installation secret for local use, kept in DATA_DIR so that every process of one install shares it. */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim(); // another process of this install wrote it first
  }
}
