import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors';
import { uploadWorker } from '../../paths';
import type { Services } from '../../services';
import { UPLOAD_PARSE_TIMEOUT_MS, UPLOAD_QUEUE_MAX, UPLOAD_WORKER_HEAP_MB, UPLOAD_WORKER_IDLE_MS } from './uploadLimits';
import { type UploadFailure, type UploadTask, fromFailure } from './uploadProtocol';

interface Job {
  task: UploadTask;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Reply = { ready: true } | { id: number; ok: true; result: unknown } | { id: number; ok: false; failure: UploadFailure };

/**
 * Parses uploaded files (transcripts, .docx, REFI-QDA projects) in one worker thread with a heap
 * limit, one file at a time, so that no upload blocks the event loop and none can exhaust the
 * server's heap (issue 14 items 2 and 5). A worker that runs out of memory or time is ended and
 * the upload refused with 422 `upload_memory_limit` / `upload_time_limit`; the next upload starts
 * a fresh worker.
 */
export class UploadParser {
  #worker: Worker | null = null;
  #ready: Promise<void> | null = null;
  #current: (Job & { id: number; timer: NodeJS.Timeout }) | null = null;
  readonly #queue: Job[] = [];
  #seq = 0;
  #idle: NodeJS.Timeout | null = null;
  #closed = false;

  run<T>(task: UploadTask): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the upload parser is closed'));
    if (this.#queue.length >= UPLOAD_QUEUE_MAX) return Promise.reject(new AppError('rate_limited', 'the server is reading other uploads; try again in a moment', undefined, { 'retry-after': '5' }));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ task, resolve: resolve as (v: unknown) => void, reject });
      void this.#next();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error('the upload parser is closed'));
    await this.#end();
  }

  async #next(): Promise<void> {
    if (this.#current || this.#queue.length === 0) return;
    const job = this.#queue.shift()!;
    const id = ++this.#seq;
    const timer = setTimeout(() => this.#fail(new AppError('upload_time_limit', `reading the file took longer than ${UPLOAD_PARSE_TIMEOUT_MS / 1000} s; it was refused`)), UPLOAD_PARSE_TIMEOUT_MS);
    this.#current = { ...job, id, timer };
    if (this.#idle) clearTimeout(this.#idle);
    try {
      const worker = await this.#start();
      if (this.#current?.id !== id) return;
      worker.ref();
      // A private copy the worker takes over: the caller's bytes may be a view on a pooled buffer.
      // A text (the identifier review) is copied by the structured clone.
      if ('bytes' in job.task) {
        const bytes = job.task.bytes.slice();
        worker.postMessage({ id, task: { ...job.task, bytes } }, [bytes.buffer]);
      } else worker.postMessage({ id, task: job.task });
    } catch (e) {
      this.#fail(e);
    }
  }

  #start(): Promise<Worker> {
    if (this.#worker && this.#ready) {
      const w = this.#worker;
      return this.#ready.then(() => w);
    }
    const worker = new Worker(uploadWorker, { resourceLimits: { maxOldGenerationSizeMb: UPLOAD_WORKER_HEAP_MB } });
    this.#worker = worker;
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: Reply) => {
        if ('ready' in m) return resolve();
        if (m.id !== this.#current?.id) return;
        if (m.ok) this.#settle((job) => job.resolve(m.result));
        else this.#settle((job) => job.reject(fromFailure(m.failure)));
      });
      worker.on('error', (e: Error & { code?: string }) => {
        reject(e);
        if (this.#worker !== worker) return;
        this.#worker = null;
        this.#fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new AppError('upload_memory_limit', `reading the file needed more than ${UPLOAD_WORKER_HEAP_MB} MiB; it was refused`) : e);
      });
      worker.on('exit', () => {
        reject(new Error('the upload worker exited'));
        if (this.#worker !== worker) return;
        this.#worker = null;
        this.#fail(new Error('the upload worker exited'));
      });
    });
    return this.#ready.then(() => worker);
  }

  #settle(fn: (job: Job) => void): void {
    const job = this.#current;
    if (!job) return;
    clearTimeout(job.timer);
    this.#current = null;
    fn(job);
    if (this.#queue.length) void this.#next();
    else if (this.#worker) {
      // Idle: the worker must not keep a CLI process alive, and is ended after a while.
      this.#worker.unref();
      this.#idle = setTimeout(() => void this.#end(), UPLOAD_WORKER_IDLE_MS);
      this.#idle.unref();
    }
  }

  /** Refuses the current upload and ends the worker (it may be stuck or out of memory). */
  #fail(error: unknown): void {
    const worker = this.#worker;
    this.#worker = null;
    this.#ready = null;
    if (worker) void worker.terminate();
    this.#settle((job) => job.reject(error));
  }

  async #end(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    this.#ready = null;
    if (this.#idle) clearTimeout(this.#idle);
    if (worker) await worker.terminate();
  }
}

const parsers = new WeakMap<Services, UploadParser>();

/** Parses an upload in these services' worker (started on first use, ended at close). */
export function parseUpload<T>(s: Services, task: UploadTask): Promise<T> {
  let parser = parsers.get(s);
  if (!parser) {
    const created = new UploadParser();
    parsers.set(s, created);
    s.onClose(() => created.close());
    parser = created;
  }
  return parser.run<T>(task);
}
