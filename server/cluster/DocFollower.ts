import type { DocRegistry } from '../ydocs/DocRegistry';
import type { Logger } from '../log';
import type { Database } from '../store/database';
import { fetchRowsAfter } from './fetchRows';

/**
 * Rows per catch-up query. Threat: a node that was paused or cut off for a long time asking for
 * an unbounded backlog in one result; a full page is followed by the next one.
 */
export const CATCH_UP_PAGE_ROWS = 5000;

/** Everything a node must do to follow commits of other nodes: a number for diagnostics. */
export interface FollowerStats {
  notices: number;
  queries: number;
  rows: number;
  sweeps: number;
}

/**
 * Brings the node's loaded documents up to the log. Notifications say which document moved
 * (`notified`); a sweep (periodic, after the listener reconnects, after a load) asks about every
 * loaded document, so that a lost notification only delays. All requests of one event-loop turn
 * become one query; one query is in flight at a time and the next one takes what arrived
 * meanwhile (notifications for one busy document coalesce instead of queueing).
 */
export class DocFollower {
  /** Documents notified since the last query, with the highest id announced. */
  readonly #wanted = new Map<string, number>();
  #sweepAll = false;
  #scheduled = false;
  #running: Promise<void> | null = null;
  #closed = false;
  readonly stats: FollowerStats = { notices: 0, queries: 0, rows: 0, sweeps: 0 };

  constructor(
    private readonly db: Database,
    private readonly registry: DocRegistry,
    private readonly log: Logger,
  ) {}

  /** Another node committed `doc` up to `id`. */
  notified(doc: string, id: number): void {
    this.stats.notices++;
    const mark = this.registry.watermark(doc);
    if (mark === null || mark >= id) return; // not loaded here (a load reads it), or our own commit
    this.#wanted.set(doc, Math.max(id, this.#wanted.get(doc) ?? 0));
    this.#schedule();
  }

  /** Asks about one document whatever its watermark (it was just loaded). */
  check(doc: string): void {
    this.#wanted.set(doc, Number.MAX_SAFE_INTEGER);
    this.#schedule();
  }

  /** Asks about every loaded document. */
  sweep(): void {
    this.stats.sweeps++;
    this.#sweepAll = true;
    this.#schedule();
  }

  /** Resolves when nothing is pending (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running || this.#scheduled) await (this.#running ?? new Promise((r) => setImmediate(r)));
  }

  close(): void {
    this.#closed = true;
  }

  #schedule(): void {
    if (this.#scheduled || this.#running || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#running = this.#run().finally(() => {
        this.#running = null;
        if (this.#sweepAll || this.#wanted.size > 0) this.#schedule();
      });
    });
  }

  async #run(): Promise<void> {
    if (this.#closed) return;
    const marks = this.#sweepAll ? this.registry.watermarks() : new Map<string, number>();
    for (const [doc, id] of this.#wanted) {
      const mark = this.registry.watermark(doc);
      if (mark !== null && mark < id) marks.set(doc, mark);
    }
    this.#sweepAll = false;
    this.#wanted.clear();
    if (marks.size === 0) return;
    try {
      this.stats.queries++;
      const fetched = await fetchRowsAfter(this.db, marks, CATCH_UP_PAGE_ROWS);
      this.stats.rows += fetched.count;
      for (const [doc, rows] of fetched.byDoc) this.registry.applyRemote(doc, rows);
      // A full page: there may be more; the next round continues from the new watermarks.
      if (fetched.count >= CATCH_UP_PAGE_ROWS) for (const doc of marks.keys()) this.check(doc);
    } catch (error) {
      // The next notification or sweep retries; nothing was applied from a failed query.
      this.log.warn('cluster.catch_up_failed', { docs: marks.size, error: String(error) });
    }
  }
}
