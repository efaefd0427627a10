import * as Y from 'yjs';
import type { NewDocUpdate } from '../store/docLog';
import { MAX_DOC_BYTES } from './docLimits';
import type { LoadedDoc } from './loadDoc';
import type { DocAppended, LoggedUpdate, PhaseCondition } from './LogWriter';

/** The types one transaction changed, with the keys it changed (Y.Transaction['changed']). */
export type ChangedTypes = Y.Transaction['changed'];

/**
 * Judges an update before it reaches the document, for a writer whose rights are narrower than
 * the whole document (the shared codebook: DESIGN.md section 4). `before` is the document,
 * `after` a copy with the update applied, `changed` what that transaction changed.
 */
export interface UpdateGuard {
  /** Null when every change is allowed; otherwise what was refused (logged with the close). */
  review(before: Y.Doc, after: Y.Doc, changed: ChangedTypes): string | null;
  /**
   * The same verdict as `review` read from the update itself against `doc`, without applying it
   * (issue 19: the trial cost a second Yjs apply per change); null when it cannot be sure, and
   * the room runs the trial. A verdict promises that applying the update to `doc` leaves nothing
   * pending (Yjs would integrate that later, unjudged).
   */
  predict?(doc: Y.Doc, update: Uint8Array): { refusal: string | null } | null;
}

/** Who a change comes from: a connection, or the server acting for a user (withDoc). */
export interface DocWriter {
  readonly authorId: string | null;
  /** Present when the writer may not make every change (checked per update, at apply time). */
  readonly guard?: UpdateGuard | null;
  /**
   * Present when the writer's right to write depends on a transcript's phase (a coder's layer
   * while coding): its rows commit only while the phase holds (checked by the commit itself).
   */
  readonly condition?: PhaseCondition | null;
}

/** An update its writer may not make: refused whole, before it touched the document. */
export class UpdateRefused extends Error {}

/** One update made durable by a commit, with the writer it came from. */
export interface CommittedUpdate {
  update: Uint8Array;
  writer: DocWriter;
}

/** What a commit tells the room's subscribers (the collab channel). */
export interface CommitNotice {
  /** Normalised updates now durable, in log order. */
  updates: readonly CommittedUpdate[];
  /** Writers whose submitted messages this commit settled, even when they changed nothing. */
  writers: ReadonlySet<DocWriter>;
  /** Encoded state vector of the durable document (computed on demand). */
  durableStateVector: () => Uint8Array;
}

export interface RoomListener {
  committed(notice: CommitNotice): void;
  /** A submitted update could not be applied; the doc and the log still agree. */
  rejected(writer: DocWriter, error: unknown): void;
  /**
   * The room is discarded (a commit failed, its commit was refused because the transcript left
   * the phase its writers were granted under, or shutdown): subscribers drop their connections.
   */
  reset(reason: DiscardReason): void;
}

export type SubmitResult = 'queued' | 'malformed' | 'too-large';

export type DiscardReason = 'commit-failed' | 'phase-changed' | 'closing';

type Job =
  /** `decoded`: fully decoded at submit (an unguarded writer); otherwise validated by its review. */
  | { kind: 'update'; update: Uint8Array; writer: DocWriter; decoded: boolean }
  | { kind: 'mutate'; fn: (doc: Y.Doc) => unknown; writer: DocWriter; settle: (error: unknown, value?: unknown) => void };

/** What `applyQueued` produced for the group commit. */
export interface RoomBatch {
  room: Room;
  rows: NewDocUpdate[];
  updates: CommittedUpdate[];
  writers: Set<DocWriter>;
  settlements: Array<() => void>;
  failures: Array<(cause: unknown) => void>;
  /** The phase condition of the batch's writers (all writers of one document share it), if any. */
  condition: PhaseCondition | null;
}

/**
 * One loaded document and its durable write path.
 *
 * Invariant: outside a commit in flight, `doc` equals the durable state of the log. Incoming
 * changes are queued, applied only when the group commit takes them (`applyQueued`) and become
 * visible (broadcast, SyncStep2 answers, persisted acks) only after that commit (`complete`).
 * Hence anything a client has received from the server survives a crash of the server.
 */
export class Room {
  readonly doc: Y.Doc;
  /**
   * Watermark: every log row of this doc with id <= lastId is in `doc` (outside a commit in
   * flight, exactly those). With several nodes, rows of one document are committed in id order
   * (server/cluster serialises them), so a query for `id > lastId` returns what is missing.
   */
  lastId: number;
  updatesSinceSnapshot: number;
  /** Bytes of the log rows since the snapshot (the registry compacts by rows or by bytes). */
  bytesSinceSnapshot: number;
  /**
   * Upper bound of the encoded size of the doc as applied, in-flight changes included (reset to
   * the exact size by compaction). Counting a batch only once it committed would let every
   * update queued during a slow commit (PostgreSQL) pass the MAX_DOC_BYTES check unseen.
   */
  approxBytes: number;
  /** Connections and withDoc calls holding the room. */
  refs = 0;
  discarded = false;
  compacting = false;
  /**
   * A committed change deleted something since the history was last rewritten: the log still
   * holds the deleted content (the registry rewrites layers' histories, docs/privacy.md).
   */
  deletedSinceRewrite = false;
  readonly listeners = new Set<RoomListener>();

  #queue: Job[] = [];
  #queuedBytes = 0;
  #inFlight = false;
  #durableWaiters: Array<() => void> = [];
  #captured: CommittedUpdate[] | null = null;
  /** Rows of other nodes fetched while a commit was in flight; applied after it. */
  #remoteStash: LoggedUpdate[] = [];
  /**
   * A copy of `doc` on which guarded updates are tried when their guard cannot predict the
   * verdict (built when first needed, kept in step with every change of `doc`, dropped after a
   * refusal since it then holds the refused one, and when a predicted update is applied).
   */
  #shadow: Y.Doc | null = null;
  /**
   * The update being applied to `doc` was already applied to the shadow by its review: the
   * shadow is in step without applying it a second time (one apply per guarded update saved).
   */
  #shadowHasIt = false;
  /** Predicted updates applied since the last trial (the shadow goes at SHADOW_IDLE_UPDATES). */
  #predictedSinceTrial = 0;
  /** What the shadow's last transaction changed (its one afterTransaction listener records it). */
  #shadowChanged: ChangedTypes | null = null;
  readonly #schedule: (room: Room) => void;

  constructor(
    readonly name: string,
    loaded: LoadedDoc,
    schedule: (room: Room) => void,
    private readonly maxDocBytes = MAX_DOC_BYTES,
  ) {
    this.doc = loaded.doc;
    this.lastId = loaded.lastId;
    this.updatesSinceSnapshot = loaded.tailRows;
    this.bytesSinceSnapshot = loaded.tailBytes;
    this.approxBytes = loaded.bytes;
    this.#schedule = schedule;
    // The doc's own `update` event gives the normalised change actually integrated (duplicates
    // and already-known structs removed): that is what the log stores and the others receive.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (!this.#captured) throw new Error(`${this.name}: the doc changed outside the durable write path`);
      this.#captured.push({ update, writer: isWriter(origin) ? origin : SERVER });
      // What this apply changed in the shadow is not read: #review clears it before its own apply.
      if (this.#shadow && !this.#shadowHasIt) Y.applyUpdate(this.#shadow, update);
    });
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.deleteSet.clients.size > 0) this.deletedSinceRewrite = true;
    });
  }

  /** A commit is in flight: the doc is ahead of the log until it returns. */
  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** Work queued or in flight: the room may not unload. */
  get busy(): boolean {
    return this.#inFlight || this.#queue.length > 0;
  }

  /**
   * Queues a client's update for the next group commit. A malformed update never touches the
   * doc: an unguarded writer's is fully decoded here and refused at once; a guarded writer's is
   * read by its guard's prediction (which leaves one it cannot decode to the trial) or tried on
   * the shadow copy before the doc (#review), and that trial refuses it whole (one full read of
   * the update instead of two, issue 19).
   */
  submit(update: Uint8Array, writer: DocWriter): SubmitResult {
    if (this.discarded) return 'queued'; // its connections are being closed
    const decoded = !writer.guard;
    if (decoded && !decodes(update)) return 'malformed';
    if (this.approxBytes + this.#queuedBytes + update.byteLength > this.maxDocBytes) {
      // The running total over-counts deletions; measure once before refusing.
      this.approxBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
      if (this.approxBytes + this.#queuedBytes + update.byteLength > this.maxDocBytes) return 'too-large';
    }
    this.#queue.push({ kind: 'update', update, writer, decoded });
    this.#queuedBytes += update.byteLength;
    this.#schedule(this);
    return 'queued';
  }

  /** Queues a server-side change (withDoc); settles after its commit. */
  mutate<T>(fn: (doc: Y.Doc) => T, writer: DocWriter): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.discarded) return reject(new Error(`document ${this.name} is unavailable`));
      this.#queue.push({ kind: 'mutate', fn, writer, settle: (err, value) => (err === undefined ? resolve(value as T) : reject(err)) });
      this.#schedule(this);
    });
  }

  /** Runs `fn` at a moment when the doc equals its durable state (now, or after the commit in flight). */
  whenDurable(fn: () => void): void {
    if (this.#inFlight) this.#durableWaiters.push(fn);
    else fn();
  }

  /** Applies the queued jobs for the group commit; the doc is ahead of the log until `complete`. */
  applyQueued(now: number): RoomBatch {
    const jobs = this.#queue;
    this.#queue = [];
    this.#queuedBytes = 0;
    this.#inFlight = true;
    const batch: RoomBatch = { room: this, rows: [], updates: [], writers: new Set(), settlements: [], failures: [], condition: null };
    for (const job of jobs) {
      const guard = job.kind === 'update' ? job.writer.guard : null;
      const predicted = job.kind === 'update' && guard?.predict ? guard.predict(this.doc, job.update) : null;
      if (predicted?.refusal === null) this.#predictedApply();
      const review = job.kind !== 'update' || !guard ? null : predicted ? { refusal: predicted.refusal, malformed: null, inStep: false } : this.#review(job.update, guard);
      // Refused whole, before the doc: a guarded update that does not apply on the shadow or
      // changes what its writer may not change; an update not decoded at submit whose writer
      // lost its guard meanwhile (rights re-decided) and that does not decode.
      const refusal: unknown =
        review?.malformed ??
        (review?.refusal != null ? new UpdateRefused(review.refusal) : null) ??
        (job.kind === 'update' && !guard && !job.decoded && !decodes(job.update) ? new Error('the update does not decode') : null);
      const reviewed = review?.inStep ?? false;
      if (refusal !== null) {
        const writer = job.writer;
        batch.settlements.push(() => {
          for (const l of this.listeners) l.rejected(writer, refusal);
        });
        continue;
      }
      this.#captured = [];
      this.#shadowHasIt = reviewed;
      let error: unknown;
      let value: unknown;
      try {
        if (job.kind === 'update') Y.applyUpdate(this.doc, job.update, job.writer);
        else this.doc.transact(() => (value = job.fn(this.doc)), job.writer);
      } catch (e) {
        error = e ?? new Error('apply failed');
      } finally {
        this.#shadowHasIt = false;
      }
      // A prediction promises that nothing is left pending; should one ever be wrong, what Yjs
      // holds back is dropped here, never integrated later unjudged, and the writer is refused
      // as the trial refuses it (what did integrate was judged and is logged: doc and log agree).
      if (predicted && (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null)) {
        this.doc.store.pendingStructs = null;
        this.doc.store.pendingDs = null;
        error ??= new UpdateRefused(PENDING_REFUSAL);
      }
      // Whatever was integrated, even by a change that threw half-way, is logged: doc and log agree.
      if (job.writer.condition && this.#captured.length > 0) batch.condition ??= job.writer.condition;
      for (const c of this.#captured) {
        batch.updates.push(c);
        batch.rows.push({ doc: this.name, authorId: c.writer.authorId, at: now, update: c.update });
        this.approxBytes += c.update.byteLength;
      }
      this.#captured = null;
      batch.writers.add(job.writer);
      if (job.kind === 'mutate') {
        const settle = job.settle;
        batch.settlements.push(() => settle(error, value));
        batch.failures.push((cause) => settle(new Error(`document ${this.name}: the change could not be stored`, { cause })));
      } else if (error !== undefined) {
        const writer = job.writer;
        batch.settlements.push(() => {
          for (const l of this.listeners) l.rejected(writer, error);
        });
      }
    }
    return batch;
  }

  /**
   * The batch is durable: integrate the rows other nodes committed just before it (`missed`),
   * update counters, tell subscribers, then answer deferred reads.
   */
  complete(batch: RoomBatch, stored: DocAppended): void {
    this.#inFlight = false;
    const missed = this.#integrate(stored.missed);
    const last = stored.ids[stored.ids.length - 1];
    if (last !== undefined) this.lastId = Math.max(this.lastId, last);
    this.updatesSinceSnapshot += stored.ids.length;
    for (const row of batch.rows) this.bytesSinceSnapshot += row.update.byteLength;
    this.#notify(missed.length > 0 ? [...missed, ...batch.updates] : batch.updates, batch.writers);
    for (const s of batch.settlements) s();
    const waiters = this.#durableWaiters;
    this.#durableWaiters = [];
    for (const w of waiters) w();
    if (this.#remoteStash.length > 0) this.applyRemote(this.#remoteStash.splice(0));
  }

  /**
   * Rows other nodes committed (oldest first, a contiguous continuation of some watermark at
   * or below ours): applied and broadcast like a commit of our own. Rows at or below the
   * watermark are already here. While a commit is in flight they wait for it.
   */
  applyRemote(rows: readonly LoggedUpdate[]): void {
    if (this.discarded || rows.length === 0) return;
    if (this.#inFlight) {
      this.#remoteStash.push(...rows);
      return;
    }
    const updates = this.#integrate(rows);
    if (updates.length > 0) this.#notify(updates, new Set());
  }

  /**
   * Tries a guarded update on the shadow copy (the document as it is now, queued changes before
   * this one included) and asks the guard about what it changed. An update that leaves changes
   * pending (it depends on ones the server lacks) is refused too: once its dependencies arrive
   * it would be integrated in someone else's transaction, never judged.
   */
  #review(update: Uint8Array, guard: UpdateGuard): { refusal: string | null; malformed: unknown; inStep: boolean } {
    this.#predictedSinceTrial = 0;
    const shadow = this.#shadow ?? this.#copyForShadow();
    const { pendingStructs, pendingDs } = shadow.store;
    this.#shadowChanged = null;
    try {
      Y.applyUpdate(shadow, update);
    } catch (error) {
      // Malformed (it was not decoded at submit): the doc never sees it; the shadow may hold part
      // of it, so it goes.
      this.#dropShadow();
      return { refusal: null, malformed: error ?? new Error('the update does not apply'), inStep: false };
    }
    const changed: ChangedTypes = this.#shadowChanged ?? new Map();
    this.#shadowChanged = null;
    const after = shadow.store;
    const leftPending = (after.pendingStructs !== null && after.pendingStructs !== pendingStructs) || (after.pendingDs !== null && after.pendingDs !== pendingDs);
    const refusal = leftPending ? PENDING_REFUSAL : guard.review(this.doc, shadow, changed);
    // The real apply integrates exactly what the shadow did when neither holds pending changes
    // (with some, the doc may integrate more: the shadow then takes the doc's update instead).
    const inStep = refusal === null && this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null;
    if (refusal !== null) this.#dropShadow();
    return { refusal, malformed: null, inStep };
  }

  /**
   * The shadow, built from the doc when first needed. One afterTransaction listener for its
   * life records what each transaction changed (a listener added and removed per review cost a
   * Set and a closure per guarded update, issue 19).
   */
  #copyForShadow(): Y.Doc {
    const shadow = copyOf(this.doc);
    shadow.on('afterTransaction', (tr: Y.Transaction) => {
      this.#shadowChanged = tr.changed;
    });
    this.#shadow = shadow;
    return shadow;
  }

  /**
   * A predicted update is about to be applied: the shadow, if any, takes it from the doc's
   * `update` event (a second apply) for a while, then goes. Dropping it at once would let a
   * writer alternating predicted and unpredictable updates make every trial copy the whole
   * document (up to MAX_DOC_BYTES); keeping it for ever would keep the second apply and the
   * doubled memory that the prediction exists to save (issue 19).
   */
  #predictedApply(): void {
    if (this.#shadow && ++this.#predictedSinceTrial >= SHADOW_IDLE_UPDATES) this.#dropShadow();
  }

  #dropShadow(): void {
    this.#predictedSinceTrial = 0;
    this.#shadow?.destroy();
    this.#shadow = null;
    this.#shadowChanged = null;
  }

  /** Applies logged rows above the watermark and advances it; returns what Yjs integrated. */
  #integrate(rows: readonly LoggedUpdate[]): CommittedUpdate[] {
    const out: CommittedUpdate[] = [];
    for (const row of rows) {
      if (row.id <= this.lastId) continue;
      this.#captured = [];
      try {
        Y.applyUpdate(this.doc, row.update, REMOTE);
      } catch {
        // A row another node accepted and logged; whatever Yjs integrated of it is kept, as a
        // load would keep it.
      }
      for (const c of this.#captured) out.push({ update: c.update, writer: REMOTE });
      this.#captured = null;
      this.lastId = row.id;
      this.updatesSinceSnapshot++;
      this.bytesSinceSnapshot += row.update.byteLength;
      this.approxBytes += row.update.byteLength;
    }
    return out;
  }

  #notify(updates: readonly CommittedUpdate[], writers: ReadonlySet<DocWriter>): void {
    let sv: Uint8Array | null = null;
    const notice: CommitNotice = { updates, writers, durableStateVector: () => (sv ??= Y.encodeStateVector(this.doc)) };
    for (const l of this.listeners) l.committed(notice);
  }

  /** The commit failed or was refused: the doc holds changes the log does not, so it must never be used again. */
  discard(reason: DiscardReason, batch?: RoomBatch, cause?: unknown): void {
    if (this.discarded) return;
    this.discarded = true;
    this.#inFlight = false;
    for (const f of batch?.failures ?? []) f(cause);
    for (const job of this.#queue) if (job.kind === 'mutate') job.settle(new Error(`document ${this.name} is unavailable`, { cause }));
    this.#queue = [];
    this.#durableWaiters = [];
    this.#remoteStash = [];
    for (const l of [...this.listeners]) l.reset(reason);
    this.listeners.clear();
    this.#dropShadow();
    this.doc.destroy();
  }
}

/**
 * Predicted updates after which an unused shadow is dropped: a writer who forces a trial at most
 * once per this many updates costs at most one copy of the document per this many updates.
 */
export const SHADOW_IDLE_UPDATES = 256;

/** Why an update that depends on changes the server lacks is refused (never integrated later, unjudged). */
const PENDING_REFUSAL = 'the update depends on changes the server does not have';

/** The writer of changes made by the server itself with no user behind them. */
export const SERVER: DocWriter = Object.freeze({ authorId: null });

/** The writer of changes another node committed (broadcast to every local connection). */
export const REMOTE: DocWriter = Object.freeze({ authorId: null });

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Whether an update decodes in full (structs and delete set): a malformed one must never reach a doc. */
function decodes(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

function isWriter(origin: unknown): origin is DocWriter {
  return typeof origin === 'object' && origin !== null && 'authorId' in origin;
}
