import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Config, parseConfig } from '../../server/config';
import { type ServiceOptions, type Services, createServices } from '../../server/services';
import { type RunningServer, startServer } from '../../server/server';
import { createLogger } from '../../server/log';
import { withSchemaChangeLock } from '../../server/store/database';

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

let counter = 0;

/** A fresh database for one test file or test: a temp SQLite file, or its own PostgreSQL schema. */
export function testEnv(dialect: TestDialect, extra: Record<string, string> = {}): TestEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-test-'));
  const url = dialect === 'postgres' ? process.env.TEST_DATABASE_URL! : undefined;
  const schema = dialect === 'postgres' ? `t_${process.pid}_${Date.now().toString(36)}_${counter++}_${Math.floor(Math.random() * 36 ** 4).toString(36)}` : undefined;
  const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}), ...extra });
  return {
    config,
    dataDir,
    options: { ...(schema ? { pgSchema: schema } : {}), log: createLogger('silent') },
    cleanup: async () => {
      if (schema && url) {
        // Under the lock migrations take: another test's migrator must not see a schema vanish.
        await withSchemaChangeLock(url, async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`drop schema if exists ${schema} cascade`);
          await client.end();
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function testServices(dialect: TestDialect, options: Partial<ServiceOptions> = {}, extraEnv: Record<string, string> = {}): Promise<{ s: Services; env: TestEnv; close: () => Promise<void> }> {
  const env = testEnv(dialect, extraEnv);
  const s = await createServices(env.config, { ...env.options, ...options });
  return { s, env, close: async () => { await s.close(); await env.cleanup(); } };
}

export async function testServer(dialect: TestDialect, options: Partial<ServiceOptions> = {}, extraEnv: Record<string, string> = {}): Promise<{ server: RunningServer; env: TestEnv; close: () => Promise<void> }> {
  const env = testEnv(dialect, extraEnv);
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
