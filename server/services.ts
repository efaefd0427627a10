import { AwarenessBus } from './buses/awarenessBus';
import { clusterChannels } from './cluster/channels';
import { clusterLogWriter } from './cluster/clusterLogWriter';
import type { Config } from './config';
import { DocRegistry, type DocRegistryOptions } from './ydocs/DocRegistry';
import { type LogWriter, localLogWriter, sqliteLogWriter } from './ydocs/LogWriter';
import { type Logger, createLogger } from './log';
import { RightsBus } from './buses/rightsBus';
import { type Database, type Dialect, openDatabase } from './store/database';
import { purgeFreedSpace } from './store/docErasure';
import { type LoginLimiter, localLoginLimiter, sharedLoginLimiter } from './auth/loginLimiter';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP, LOGIN_WINDOW_MS } from './auth/rateLimiter';
import { LoginAttemptKind } from './store/loginAttempts';

/**
 * What every door (HTTP, collab, CLI) is given: no module-level singletons, so a test can run
 * several independent servers in one process.
 */
export interface Services {
  config: Config;
  db: Database;
  dialect: Dialect;
  log: Logger;
  rights: RightsBus;
  /** Presence relayed by the collab door, shared with other nodes (server/cluster). */
  awareness: AwarenessBus;
  /**
   * Where real-time documents are made durable: on PostgreSQL the cluster writer (per-document
   * commit order and a NOTIFY per commit, so any number of processes can share the database,
   * server/cluster), on SQLite the single-process writer.
   */
  docLog: LogWriter;
  /**
   * The real-time documents of these services (ydocs/): the collab door and REST commands reach
   * the same registry through it. Flushed by `close()` before the database closes.
   */
  docs: DocRegistry;
  /** Per-key chains of commands/reconcile/lock.ts (one resolution step at a time per transcript). */
  serialChains: Map<string, Promise<unknown>>;
  now: () => number;
  /**
   * Login limits (auth/loginLimiter.ts): in memory on SQLite; on PostgreSQL also counted in the
   * database, so that all nodes together allow each account and address one limit, not one per node.
   */
  loginByAccount: LoginLimiter;
  loginByIp: LoginLimiter;
  /** Runs before the database closes (e.g. the document registry flushing its last commits). */
  onClose: (hook: () => Promise<void>) => void;
  close: () => Promise<void>;
}

export interface ServiceOptions {
  pgSchema?: string;
  now?: () => number;
  log?: Logger;
  /** Options of the document registry (e.g. a short idle unload for soak tests). */
  docs?: DocRegistryOptions;
}

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const hooks: Array<() => Promise<void>> = [];
  const opened = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, key: config.dbKey?.reveal(), ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}) });
  const log = options.log ?? createLogger(config.logLevel);
  const loginLimiter = (kind: LoginAttemptKind, limit: number) =>
    opened.dialect === 'postgres' ? sharedLoginLimiter(opened.db, kind, limit, LOGIN_WINDOW_MS, log) : localLoginLimiter(limit, LOGIN_WINDOW_MS);
  const docLog =
    opened.dialect === 'postgres'
      ? clusterLogWriter(opened.db, clusterChannels(options.pgSchema), log)
      : opened.sqlite
        ? sqliteLogWriter(opened.db, opened.sqlite)
        : localLogWriter(opened.db);
  const now = options.now ?? Date.now;
  const docs = new DocRegistry(
    // After a layer's history is rewritten (a coder deleted something), the WAL is checkpointed
    // and truncated so the deleted text leaves the files too (docs/privacy.md).
    { db: opened.db, log, now, logWriter: docLog, afterHistoryRewrite: () => purgeFreedSpace(opened.db, { vacuum: false }) },
    { historyRewriteDelayMs: config.historyRewriteDelayMs, ...options.docs },
  );
  return {
    config,
    db: opened.db,
    dialect: opened.dialect,
    log,
    rights: new RightsBus(),
    awareness: new AwarenessBus(),
    docLog,
    docs,
    serialChains: new Map(),
    now,
    loginByAccount: loginLimiter(LoginAttemptKind.account, LOGIN_LIMIT_PER_ACCOUNT),
    loginByIp: loginLimiter(LoginAttemptKind.ip, LOGIN_LIMIT_PER_IP),
    onClose: (hook) => void hooks.push(hook),
    close: async () => {
      for (const hook of hooks.splice(0).reverse()) await hook();
      // The registry's last commits are flushed after every other hook, before the database closes.
      await docs.close();
      await opened.close();
    },
  };
}
