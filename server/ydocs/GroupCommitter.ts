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
  #inFlight: Promise<void> | null = null;
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
    if (this.#scheduled || this.#inFlight) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#inFlight = this.#flush().finally(() => {
        this.#inFlight = null;
        if (this.#dirty.size > 0) this.schedule(this.#dirty.values().next().value as Room);
        else for (const w of this.#idleWaiters.splice(0)) w();
      });
    });
  }

  /** Resolves when nothing is queued or in flight (shutdown, tests). */
  idle(): Promise<void> {
    if (!this.#scheduled && !this.#inFlight && this.#dirty.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #flush(): Promise<void> {
    const rooms = [...this.#dirty].filter((r) => !r.discarded);
    this.#dirty.clear();
    const now = this.now();
    const batches: RoomBatch[] = rooms.map((r) => r.applyQueued(now));
    const writing = batches.filter((b) => b.rows.length > 0);
    const rows = writing.reduce((n, b) => n + b.rows.length, 0);
    const stored = new Map<RoomBatch, DocAppended>();
    if (writing.length > 0) {
      try {
        // appliedId is read now, while the rooms are in flight: nothing else moves it meanwhile.
        const results = await this.logWriter.append(
          writing.map((b) => ({ doc: b.room.name, appliedId: b.room.lastId, rows: b.rows, ...(b.condition ? { condition: b.condition } : {}) })),
        );
        for (const [i, b] of writing.entries()) stored.set(b, results[i]!);
      } catch (error) {
        // The docs now hold changes the log does not: discard them (their connections close and
        // clients, who still hold their edits, resend them on reconnect).
        this.log.error('docs.commit_failed', { docs: rooms.map((r) => r.name), rows, error: String(error) });
        for (const b of batches) b.room.discard('commit-failed', b, error);
        this.afterCommit(rooms);
        return;
      }
    }
    for (const b of batches) {
      const result = stored.get(b);
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
