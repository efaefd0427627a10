import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { ClientTarget, WireFormat } from '../load/wire';
import { type ProcUsage, procUsage } from './procUsage';

/**
 * The servers compared: Concord; Concord on tmpfs (the same code with free fsyncs: Concord's own
 * cost apart from the disk's); the in-memory anchors (Hocuspocus, the y-websocket server); and
 * the durable references, which persist what they broadcast after broadcasting it (Hocuspocus
 * with its SQLite extension at debounce 0, the y-websocket server with its LevelDB persistence,
 * y-leveldb, whose writes are not synced to disk).
 */
export const SERVER_KINDS = ['concord', 'concord-tmpfs', 'hocuspocus', 'hocuspocus-sqlite', 'y-websocket', 'y-websocket-leveldb'] as const;
/**
 * Diagnostic variants, only with --servers, not supported configurations:
 * - `concord-nosync`: Concord with SQLite synchronous=NORMAL (WAL commits without an fsync:
 *   durable across a process crash, not a power loss), to measure what the fsync costs;
 * (`concord-tmpfs`, Concord unchanged with its data directory on /dev/shm, is in the default
 * set: issue 19 sets a target on it.)
 */
export const DIAGNOSTIC_KINDS = ['concord-nosync'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number] | (typeof DIAGNOSTIC_KINDS)[number];

export const PERSISTENT: ReadonlySet<ServerKind> = new Set(['concord', 'concord-nosync', 'concord-tmpfs', 'hocuspocus-sqlite', 'y-websocket-leveldb']);

export const isConcord = (kind: ServerKind): boolean => kind === 'concord' || kind === 'concord-nosync' || kind === 'concord-tmpfs';

export interface BenchServerOptions {
  /** Concord: its DATA_DIR; hocuspocus-sqlite: the directory of its SQLite file. */
  dataDir?: string;
  /** Concord: session cookies to spread clients over. */
  cookies?: string[];
  /** Write a V8 CPU profile of the server child into this directory (written when it exits on SIGTERM). */
  cpuProfDir?: string;
  /** Concord: the compiled entry to run (bench/lib/compiledConcord.ts) instead of the TypeScript sources. */
  compiledConcord?: string;
  /** Concord: log at info level and keep the lines (doc.loaded carries the server's load time). */
  captureLog?: boolean;
}

const ENTRY: Record<ServerKind, string> = {
  concord: 'bench/servers/concordServer.ts',
  'concord-nosync': 'bench/servers/concordServer.ts',
  'concord-tmpfs': 'bench/servers/concordServer.ts',
  hocuspocus: 'bench/servers/hocuspocusServer.ts',
  'hocuspocus-sqlite': 'bench/servers/hocuspocusServer.ts',
  'y-websocket': 'bench/servers/yWebsocketServer.ts',
  'y-websocket-leveldb': 'bench/servers/yWebsocketServer.ts',
};

/** A server under test, running in its own child process on loopback. */
export class BenchServer {
  private constructor(
    readonly kind: ServerKind,
    readonly child: ChildProcess,
    readonly port: number,
    private readonly options: BenchServerOptions,
    /** Log lines of the child (captureLog only). */
    readonly logs: string[],
  ) {}

  static async start(kind: ServerKind, options: BenchServerOptions = {}): Promise<BenchServer> {
    const env: Record<string, string> = { ...process.env, PORT: '0', LOG_LEVEL: options.captureLog ? 'info' : 'error' } as Record<string, string>;
    if (isConcord(kind)) env.DATA_DIR = options.dataDir ?? '';
    if (kind === 'concord-nosync') env.CONCORD_BENCH_SYNCHRONOUS = 'NORMAL';
    if (kind === 'hocuspocus-sqlite') env.HOCUSPOCUS_SQLITE = `${options.dataDir}/hocuspocus.sqlite`;
    // Read by @y/websocket-server's utils when it loads: documents persist through y-leveldb.
    if (kind === 'y-websocket-leveldb') env.YPERSISTENCE = `${options.dataDir}/leveldb`;
    // A folder per server start, named after the server: Node's own file names (pid and thread)
    // keep the main thread's profile apart from a loader thread's (the anchors run through
    // bin/run-ts.js, whose worker once wrote over the main thread's profile of the same name).
    const prof = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}/${kind}.${Date.now()}`] : [];
    // Concord runs compiled (bench/lib/compiledConcord.ts) when the caller built it; the anchors are JavaScript.
    const entry = isConcord(kind) ? (options.compiledConcord ? [options.compiledConcord] : ['bin/run-ts.js', ENTRY[kind]]) : ['bin/run-ts.js', ENTRY[kind]];
    const child = spawn(process.execPath, [...prof, ...entry], { env, stdio: ['ignore', 'pipe', options.captureLog ? 'pipe' : 'inherit'] });
    const logs: string[] = [];
    if (options.captureLog) createInterface({ input: child.stderr! }).on('line', (l) => logs.push(l));
    const exited = once(child, 'exit').then(() => null);
    // The port line is the first JSON line: the y-websocket server's utils print a line of their
    // own first when persistence is on.
    const lines = createInterface({ input: child.stdout! });
    const portLine = new Promise<string>((resolve) => lines.on('line', (l) => l.startsWith('{"port"') && resolve(l)));
    const first = await Promise.race([portLine, exited]);
    if (first === null) throw new Error(`${kind} exited before listening`);
    return new BenchServer(kind, child, (JSON.parse(first) as { port: number }).port, options, logs);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get wire(): WireFormat {
    return this.kind.startsWith('hocuspocus') ? 'hocuspocus' : 'y-websocket';
  }

  /** Where client number `i` connects for `docName` (Concord: its cookie and a same-origin Origin). */
  target(docName: string, i: number): ClientTarget {
    const base = `ws://127.0.0.1:${this.port}`;
    if (isConcord(this.kind)) {
      const cookies = this.options.cookies ?? [];
      const cookie = cookies[i % cookies.length] ?? '';
      return { wire: 'y-websocket', url: `${base}/collab/${docName}`, docName, headers: { cookie, origin: `http://127.0.0.1:${this.port}` } };
    }
    if (this.wire === 'hocuspocus') return { wire: 'hocuspocus', url: base, docName, headers: {} };
    return { wire: 'y-websocket', url: `${base}/${docName}`, docName, headers: {} };
  }

  usage(): ProcUsage {
    return procUsage(this.pid);
  }

  /** Graceful stop (flushes a CPU profile); SIGKILL if it takes more than 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}
