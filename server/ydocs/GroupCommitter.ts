import type { Logger } from '../log';
import type { DocAppended, LogWriter } from './LogWriter';
import type { Room, RoomBatch } from './Room';

/**
 * Group commit: every change queued during one event-loop turn, across all documents, goes to
 * the update log in one transaction (one fsync with SQLite synchronous=FULL). Changes queued
 * while a commit is in flight form the next group. Only after a commit returns are its changes
 * broadcast and acknowledged (DESIGN.md section 4, durability contract).
 */
export class GroupCommitter {
  #dirty = new Set<Room>();
  #scheduled = false;
  /** A commit that waits for the log writer (PostgreSQL, a cluster, a SQLite transaction open elsewhere). */
  #inFlight: Promise<void> | null = null;
  /** A flush running synchronously (the SQLite writer commits before it returns). */
  #flushing = false;
  #idleWaiters: Array<() => void> = [];

  constructor(
    private readonly logWriter: LogWriter,
    private readonly log: Logger,
    private readonly now: () => number,
    /** Called after each commit with the rooms it touched (compaction, idle unload). */
    private readonly afterCommit: (rooms: readonly Room[]) => void,
  ) {}

  schedule(room: Room): void {
    this.#dirty.add(room);
    if (this.#scheduled || this.#inFlight || this.#flushing) return;
    this.#scheduled = true;
    setImmediate(this.#run);
  }

  /** Resolves when nothing is queued or in flight (shutdown, tests). */
  idle(): Promise<void> {
    if (!this.#scheduled && !this.#inFlight && !this.#flushing && this.#dirty.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  readonly #run = (): void => {
    this.#scheduled = false;
    this.#flushing = true;
    let waiting: Promise<void> | null;
    try {
      waiting = this.#flush();
    } finally {
      this.#flushing = false;
    }
    if (waiting) this.#inFlight = waiting.finally(() => this.#settled());
    else this.#settled();
  };

  #settled(): void {
    this.#inFlight = null;
    if (this.#dirty.size > 0) this.schedule(this.#dirty.values().next().value as Room);
    else for (const w of this.#idleWaiters.splice(0)) w();
  }

  /**
   * Applies the dirty rooms' queues and commits them in one transaction, then completes them:
   * before it returns when the log writer commits synchronously (null), else after the
   * returned promise. Either way nothing is broadcast or acknowledged before the commit returned.
   */
  #flush(): Promise<void> | null {
    const rooms = [...this.#dirty].filter((r) => !r.discarded);
    this.#dirty.clear();
    const now = this.now();
    const batches: RoomBatch[] = rooms.map((r) => r.applyQueued(now));
    const writing = batches.filter((b) => b.rows.length > 0);
    if (writing.length === 0) {
      this.#complete(rooms, batches, writing, []);
      return null;
    }
    // appliedId is read now, while the rooms are in flight: nothing else moves it meanwhile.
    const docs = writing.map((b) => ({ doc: b.room.name, appliedId: b.room.lastId, rows: b.rows, ...(b.condition ? { condition: b.condition } : {}) }));
    let results: DocAppended[] | null;
    try {
      results = this.logWriter.appendNow?.(docs) ?? null;
    } catch (error) {
      this.#failed(rooms, batches, writing, error);
      return null;
    }
    if (results) {
      this.#complete(rooms, batches, writing, results);
      return null;
    }
    return this.logWriter.append(docs).then(
      (stored) => this.#complete(rooms, batches, writing, stored),
      (error: unknown) => this.#failed(rooms, batches, writing, error),
    );
  }

  /**
   * The commit failed: the docs now hold changes the log does not, so they are discarded (their
   * connections close and clients, who still hold their edits, resend them on reconnect).
   */
  #failed(rooms: readonly Room[], batches: readonly RoomBatch[], writing: readonly RoomBatch[], error: unknown): void {
    const rows = writing.reduce((n, b) => n + b.rows.length, 0);
    this.log.error('docs.commit_failed', { docs: rooms.map((r) => r.name), rows, error: String(error) });
    for (const b of batches) b.room.discard('commit-failed', b, error);
    this.afterCommit(rooms);
  }

  /** The commit returned (`results` in the order of `writing`): each room integrates it and tells its listeners. */
  #complete(rooms: readonly Room[], batches: readonly RoomBatch[], writing: readonly RoomBatch[], results: readonly DocAppended[]): void {
    let w = 0; // `writing` is `batches` filtered, in the same order
    for (const b of batches) {
      const result = writing[w] === b ? results[w++] : undefined;
      if (result?.refused) {
        // The transcript left the phase these writes were granted under (another node changed it
        // and its notification has not arrived): nothing was stored, so the doc is ahead of the
        // log. Its connections close with 4205 and re-authorise against the new phase.
        this.log.info('docs.commit_refused', { doc: b.room.name, rows: b.rows.length, condition: b.condition });
        b.room.discard('phase-changed', b, new Error(`document ${b.room.name}: the transcript is no longer in ${b.condition?.phase}`));
        continue;
      }
      try {
        b.room.complete(b, result ?? { ids: [], missed: [] });
      } catch (error) {
        this.log.error('docs.complete_failed', { doc: b.room.name, error: String(error) });
      }
    }
    this.afterCommit(rooms);
  }
}
