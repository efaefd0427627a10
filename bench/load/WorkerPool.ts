import { type ChildProcess, spawn } from 'node:child_process';
import type { ClientSpec, Counts, OpenResult, Report, WorkerRequest } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** One load-generator child process, spoken to over IPC. */
class LoadWorker {
  #seq = 0;
  readonly #pending = new Map<number, Pending>();
  readonly ready: Promise<void>;
  onEvent: (event: { event: string; at: number }) => void = () => undefined;

  constructor(readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`load worker exited (${code})`)));
      child.on('message', (m: { ready?: boolean; id?: number; result?: unknown; error?: string; event?: string; at?: number }) => {
        if (m.ready) return resolve();
        if (m.event) return this.onEvent({ event: m.event, at: m.at ?? 0 });
        const p = m.id === undefined ? undefined : this.#pending.get(m.id);
        if (!p || m.id === undefined) return;
        this.#pending.delete(m.id);
        if (m.error) p.reject(new Error(m.error));
        else p.resolve(m.result);
      });
    });
  }

  request<T>(req: WorkerRequest): Promise<T> {
    const id = ++this.#seq;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, req });
    });
  }
}

/**
 * The load generator: N worker processes, clients spread over them round-robin. The coordinator
 * (which measures the servers) holds no client.
 */
export class WorkerPool {
  readonly #workers: LoadWorker[];
  /** Which worker holds each client id. */
  readonly #owner = new Map<number, LoadWorker>();

  private constructor(workers: LoadWorker[]) {
    this.#workers = workers;
  }

  static async start(n: number): Promise<WorkerPool> {
    const workers = Array.from({ length: n }, () => new LoadWorker(spawn(process.execPath, ['bin/run-ts.js', 'bench/load/worker.ts'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })));
    await Promise.all(workers.map((w) => w.ready));
    return new WorkerPool(workers);
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Opens clients (all at once), spread round-robin; returns every client's time to synced. */
  async open(specs: ClientSpec[]): Promise<OpenResult> {
    const parts = this.#workers.map(() => [] as ClientSpec[]);
    specs.forEach((s, i) => {
      const k = i % parts.length;
      parts[k]!.push(s);
      this.#owner.set(s.id, this.#workers[k]!);
    });
    const results = await Promise.all(this.#workers.map((w, k) => w.request<OpenResult>({ op: 'open', clients: parts[k]! })));
    return { syncMs: results.flatMap((r) => r.syncMs), failed: results.reduce((a, r) => a + r.failed, 0), errors: results.flatMap((r) => r.errors) };
  }

  async all(op: 'start' | 'stop' | 'resetCounts' | 'closeAll'): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.request({ op })));
    if (op === 'closeAll') this.#owner.clear();
  }

  async counts(): Promise<Counts> {
    return merge(await Promise.all(this.#workers.map((w) => w.request<Counts>({ op: 'counts' }))));
  }

  async report(): Promise<Report> {
    const parts = await Promise.all(this.#workers.map((w) => w.request<Report>({ op: 'report' })));
    const firstMs: Record<string, number> = {};
    for (const p of parts) for (const [k, v] of Object.entries(p.firstMs)) firstMs[k] = Math.min(v, firstMs[k] ?? Infinity);
    return { ...merge(parts), latencyMs: parts.flatMap((p) => p.latencyMs), awarenessLatencyMs: parts.flatMap((p) => p.awarenessLatencyMs), firstMs };
  }

  /** A request about one client, sent to the worker that holds it. */
  on<T>(id: number, req: WorkerRequest): Promise<T> {
    const w = this.#owner.get(id);
    if (!w) throw new Error(`no worker holds client ${id}`);
    return w.request<T>(req);
  }

  /** Resolves when every writer with a limit (in every worker that has one) has sent its last item. */
  writersDone(workersWithWriters: number): Promise<number> {
    return new Promise((resolve) => {
      let left = workersWithWriters;
      let last = 0;
      for (const w of this.#workers) {
        w.onEvent = (e) => {
          if (e.event !== 'writersDone') return;
          last = Math.max(last, e.at);
          if (--left === 0) resolve(last);
        };
      }
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.request({ op: 'exit' }).catch(() => undefined)));
  }
}

function merge(parts: Counts[]): Counts {
  const out: Counts = { writes: {}, moves: {}, delivered: {}, awarenessDelivered: {}, bytesIn: {}, messagesIn: {} };
  for (const p of parts) {
    for (const key of ['writes', 'moves', 'delivered', 'awarenessDelivered', 'bytesIn', 'messagesIn'] as const) {
      for (const [doc, n] of Object.entries(p[key])) out[key][doc] = (out[key][doc] ?? 0) + n;
    }
  }
  return out;
}
