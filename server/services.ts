import { AwarenessBus } from './buses/awarenessBus';
import { clusterChannels } from './cluster/channels';
import { clusterLogWriter } from './cluster/clusterLogWriter';
import type { Config } from './config';
import { type LogWriter, localLogWriter, sqliteLogWriter } from './ydocs/LogWriter';
import { type Logger, createLogger } from './log';
import { RightsBus } from './buses/rightsBus';
import { type Database, type Dialect, openDatabase } from './store/database';
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
}

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const hooks: Array<() => Promise<void>> = [];
  const opened = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}) });
  const log = options.log ?? createLogger(config.logLevel);
  const loginLimiter = (kind: LoginAttemptKind, limit: number) =>
    opened.dialect === 'postgres' ? sharedLoginLimiter(opened.db, kind, limit, LOGIN_WINDOW_MS, log) : localLoginLimiter(limit, LOGIN_WINDOW_MS);
  return {
    config,
    db: opened.db,
    dialect: opened.dialect,
    log,
    rights: new RightsBus(),
    awareness: new AwarenessBus(),
    docLog:
      opened.dialect === 'postgres'
        ? clusterLogWriter(opened.db, clusterChannels(options.pgSchema), log)
        : opened.sqlite
          ? sqliteLogWriter(opened.db, opened.sqlite)
          : localLogWriter(opened.db),
    now: options.now ?? Date.now,
    loginByAccount: loginLimiter(LoginAttemptKind.account, LOGIN_LIMIT_PER_ACCOUNT),
    loginByIp: loginLimiter(LoginAttemptKind.ip, LOGIN_LIMIT_PER_IP),
    onClose: (hook) => void hooks.push(hook),
    close: async () => {
      for (const hook of hooks.splice(0).reverse()) await hook();
      await opened.close();
    },
  };
}
