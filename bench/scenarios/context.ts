import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchServer, type ServerKind, isConcord } from '../lib/BenchServer';
import { type ConcordFixture, copyFixture } from '../lib/concordFixture';
import type { WorkerPool } from '../load/WorkerPool';

/** Figures of one run of one scenario against one server (numbers only, so medians are simple). */
export type Figures = Record<string, number | null>;

export interface RunContext {
  pool: WorkerPool;
  fixture: ConcordFixture;
  /** Length of the measured phase of the timed scenarios. */
  seconds: number;
  /**
   * Seconds of the same traffic before the measured phase of the fan-out scenarios, then not
   * counted (every server alike): figures of servers whose code the JIT has already optimised,
   * as in a server that has run for a while. 0 (the default): measured from the first change.
   */
  warmupSeconds?: number;
  /** Write a CPU profile of every server child here (named after its kind: `<kind>.<time>.cpuprofile`). */
  cpuProfDir?: string;
  /** Concord's compiled benchmark entry (bench/lib/compiledConcord.ts); the sources through tsx without it. */
  compiledConcord?: string;
}

/** A document name per server: Concord serves only its four name forms. */
export function docName(ctx: RunContext, kind: ServerKind, d: number): string {
  if (!isConcord(kind)) return `bench-${d}`;
  const name = ctx.fixture.docNames[d];
  if (!name) throw new Error(`the Concord fixture has only ${ctx.fixture.docNames.length} documents`);
  return name;
}

export interface Prepared {
  dataDir: string | null;
  start: () => Promise<BenchServer>;
  /** Closes every client and the server, removes the data. */
  dispose: (server: BenchServer | null) => Promise<void>;
}

/** A fresh data directory for the server (Concord: a copy of the seeded fixture). */
export function prepare(ctx: RunContext, kind: ServerKind, captureLog = false): Prepared {
  // concord-tmpfs (diagnostic): the same server with its data on tmpfs, where fsync is free.
  const dataDir = isConcord(kind)
    ? copyFixture(ctx.fixture, kind === 'concord-tmpfs' ? '/dev/shm' : undefined)
    : kind === 'hocuspocus-sqlite' || kind === 'y-websocket-leveldb'
      ? mkdtempSync(join(tmpdir(), `${kind}-bench-`))
      : null;
  return {
    dataDir,
    start: () =>
      BenchServer.start(kind, {
        ...(dataDir ? { dataDir } : {}),
        cookies: ctx.fixture.cookies,
        ...(ctx.cpuProfDir ? { cpuProfDir: ctx.cpuProfDir } : {}),
        ...(isConcord(kind) && captureLog ? { captureLog } : {}),
        ...(ctx.compiledConcord ? { compiledConcord: ctx.compiledConcord } : {}),
      }),
    dispose: async (server) => {
      await ctx.pool.all('closeAll');
      await server?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds or `timeoutMs` passes; returns whether it held. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
}
