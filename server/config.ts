import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Server configuration, parsed once from the environment and frozen.
 * This is the only module that reads `process.env` (house style rule 9).
 */
export interface Config {
  readonly port: number;
  /**
   * The interface to listen on: loopback unless HOST says otherwise (issue 14 item 14), so a
   * fresh instance is not reachable from the network before its first account exists. Behind a
   * proxy on the same machine keep the default; `HOST=0.0.0.0` (or `::`) serves every interface.
   */
  readonly host: string;
  readonly dataDir: string;
  /** `postgres://...` switches the store to PostgreSQL; otherwise SQLite in `dataDir`. */
  readonly databaseUrl: string | null;
  /** The origin browsers use to reach the server; unsafe requests must come from it. */
  readonly publicOrigin: string | null;
  /** Set `Secure` on cookies (true when publicOrigin is https). */
  readonly secureCookies: boolean;
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info';
  /**
   * How many reverse proxies stand in front of the server (e.g. 1 behind nginx). The client's
   * address for rate limiting is then read from X-Forwarded-For, counting that many hops from the
   * right; 0 (the default) trusts no header, so a client cannot forge its address.
   */
  readonly trustProxyHops: number;
  /**
   * Milliseconds between a deletion in a coder's layer and the rewrite of that layer's update
   * log from its current state (docs/privacy.md); HISTORY_REWRITE_DELAY_MS, unset for the
   * registry's default (ydocs/docLimits.ts; config.ts is in the kernel, which imports no layer).
   */
  readonly historyRewriteDelayMs: number | undefined;
  /** Days the access log keeps a read (docs/privacy.md); ACCESS_LOG_RETENTION_DAYS, default 365. */
  readonly accessLogRetentionDays: number;
  /** Days before a study's retention end from which its leads are warned; RETENTION_WARNING_DAYS, default 30. */
  readonly retentionWarningDays: number;
  /**
   * The SQLite encryption key (docs/deploy.md, "Encryption at rest"), from CONCORD_DB_KEY or the
   * file named by CONCORD_DB_KEY_FILE; undefined: the database is not encrypted.
   */
  readonly dbKey: DbKey | undefined;
  /**
   * The one-time setup token for the first account, from CONCORD_SETUP_TOKEN (docs/deploy.md):
   * while no account exists the server stores it at start instead of a random one, e.g. for an
   * automated install that creates the first account itself. Undefined: a random token.
   */
  readonly setupToken: Secret | undefined;
}

/** Threat: a short setup token guessed online before the first account exists. */
export const MIN_SETUP_TOKEN_LENGTH = 16;

/** Threat: a short passphrase guessed offline against a stolen copy of the database. */
export const MIN_DB_KEY_LENGTH = 16;

/** A secret from the environment; printing or serialising the configuration never shows it. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[hidden]';
  }
  toString(): string {
    return '[hidden]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.constructor.name} [hidden]`;
  }
}

/** The database key. */
export class DbKey extends Secret {}

/** CONCORD_DB_KEY or the contents of CONCORD_DB_KEY_FILE (one trailing newline dropped); never both. */
function parseDbKey(key: string | undefined, file: string | undefined, databaseUrl: string | null): DbKey | undefined {
  if (key === undefined && file === undefined) return undefined;
  if (key !== undefined && file !== undefined) throw new Error('invalid configuration: set CONCORD_DB_KEY or CONCORD_DB_KEY_FILE, not both');
  if (databaseUrl && !databaseUrl.startsWith('sqlite:')) {
    throw new Error('invalid configuration: CONCORD_DB_KEY encrypts the SQLite database; on PostgreSQL encrypt the volume or use the server\'s own encryption (docs/deploy.md)');
  }
  let value = key;
  if (file !== undefined) {
    try {
      value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new Error(`invalid configuration: CONCORD_DB_KEY_FILE ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const from = file !== undefined ? `the key in ${file}` : 'CONCORD_DB_KEY';
  if ((value ?? '').length < MIN_DB_KEY_LENGTH) throw new Error(`invalid configuration: ${from} is shorter than ${MIN_DB_KEY_LENGTH} characters`);
  return new DbKey(value!);
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().regex(/^[A-Za-z0-9.:%-]{1,253}$/, 'an address or host name').default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  PUBLIC_ORIGIN: z.string().url().optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info']).default('info'),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  RETENTION_WARNING_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  HISTORY_REWRITE_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  CONCORD_DB_KEY: z.string().optional(),
  CONCORD_DB_KEY_FILE: z.string().optional(),
  CONCORD_SETUP_TOKEN: z.string().min(MIN_SETUP_TOKEN_LENGTH, `at least ${MIN_SETUP_TOKEN_LENGTH} characters`).max(200).optional(),
});

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means unset (e.g. `DATABASE_URL= concord serve`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${detail}`);
  }
  const e = parsed.data;
  const databaseUrl = e.DATABASE_URL ?? null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl) && !databaseUrl.startsWith('sqlite:')) {
    throw new Error('invalid configuration: DATABASE_URL must be postgres://... or sqlite:PATH');
  }
  const publicOrigin = e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : null;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl,
    publicOrigin,
    secureCookies: publicOrigin?.startsWith('https:') ?? false,
    logLevel: e.LOG_LEVEL,
    trustProxyHops: e.TRUST_PROXY,
    historyRewriteDelayMs: e.HISTORY_REWRITE_DELAY_MS,
    accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS,
    retentionWarningDays: e.RETENTION_WARNING_DAYS,
    dbKey: parseDbKey(e.CONCORD_DB_KEY, e.CONCORD_DB_KEY_FILE, databaseUrl),
    setupToken: e.CONCORD_SETUP_TOKEN !== undefined ? new Secret(e.CONCORD_SETUP_TOKEN) : undefined,
  });
}

export function configFromEnv(): Config {
  return parseConfig(process.env);
}
