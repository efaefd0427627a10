import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type Config, parseConfig } from '../../server/config';
import { type ServiceOptions, type Services, createServices } from '../../server/services';
import { type RunningServer, startServer } from '../../server/server';
import { createLogger } from '../../server/log';
import { createSchemaFromTemplate, dropSchema, schemaName } from './pgTemplate';
import { copySqliteTemplate } from './sqliteTemplate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated PostgreSQL schema's definition (test/globalSetup.ts, helpers/pgTemplate.ts). */
    pgTemplate: string | null;
    /** The dir of the migrated SQLite database (test/globalSetup.ts, helpers/sqliteTemplate.ts). */
    sqliteTemplate: string;
  }
}

export type TestDialect = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (Kysely's dialect loop). */
export function testDialects(): TestDialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestEnv {
  config: Config;
  options: ServiceOptions;
  dataDir: string;
  /** Drops the PostgreSQL schema / removes the temp dir. */
  cleanup: () => Promise<void>;
}


/** A fresh database for one test file or test: a temp SQLite file, or its own PostgreSQL schema. */
export function testEnv(dialect: TestDialect, extra: Record<string, string> = {}): TestEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-test-'));
  const url = dialect === 'postgres' ? process.env.TEST_DATABASE_URL! : undefined;
  const schema = dialect === 'postgres' ? schemaName('t') : undefined;
  const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}), ...extra });
  return {
    config,
    dataDir,
    options: { ...(schema ? { pgSchema: schema } : {}), log: createLogger('silent') },
    cleanup: async () => {
      if (schema && url) await dropSchema(url, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Gives the test's database the migrated state the run's templates hold, instead of leaving it to
 * the server's migrator: the PostgreSQL schema replayed (helpers/pgTemplate.ts), the SQLite file
 * copied (helpers/sqliteTemplate.ts). Not for an encrypted SQLite database (made with its key), nor
 * outside a vitest run (bench/phaseGuard.ts), nor when the PostgreSQL template could not be made:
 * the server then migrates, as it does in production.
 */
export async function prepareDatabase(env: TestEnv): Promise<void> {
  if (!process.env.VITEST) return;
  const schema = env.options.pgSchema;
  const url = env.config.databaseUrl;
  if (schema && url) {
    const template = inject('pgTemplate');
    if (template) await createSchemaFromTemplate(url, template, schema);
  } else if (!url && !env.config.dbKey) {
    copySqliteTemplate(inject('sqliteTemplate'), env.dataDir);
  }
}

/** testEnv, its database already migrated (prepareDatabase). */
export async function preparedTestEnv(dialect: TestDialect, extra: Record<string, string> = {}): Promise<TestEnv> {
  const env = testEnv(dialect, extra);
  try {
    await prepareDatabase(env);
  } catch (e) {
    await env.cleanup();
    throw e;
  }
  return env;
}

export async function testServices(dialect: TestDialect, options: Partial<ServiceOptions> = {}, extraEnv: Record<string, string> = {}): Promise<{ s: Services; env: TestEnv; close: () => Promise<void> }> {
  const env = await preparedTestEnv(dialect, extraEnv);
  const s = await createServices(env.config, { ...env.options, ...options });
  return { s, env, close: async () => { await s.close(); await env.cleanup(); } };
}

export async function testServer(dialect: TestDialect, options: Partial<ServiceOptions> = {}, extraEnv: Record<string, string> = {}): Promise<{ server: RunningServer; env: TestEnv; close: () => Promise<void> }> {
  const env = await preparedTestEnv(dialect, extraEnv);
  const server = await startServer(env.config, { ...env.options, ...options });
  return { server, env, close: async () => { await server.close(); await env.cleanup(); } };
}

/** Waits for a condition, polling; fails after `timeoutMs` (no fixed sleeps in tests). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== false && v !== undefined && v !== null) return v;
      lastError = new Error('condition not met');
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
