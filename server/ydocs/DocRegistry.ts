import * as Y from 'yjs';
import { parseDocName } from '../../shared/docNames';
import type { Logger } from '../log';
import type { Database } from '../store/database';
import { rewriteDocHistory } from '../store/docErasure';
import { listDocUpdatesAfter } from '../store/docLog';
import { COMPACT_AFTER_BYTES, COMPACT_AFTER_UPDATES, COMPACT_ON_UNLOAD_MIN_UPDATES, DOC_IDLE_UNLOAD_MS, HISTORY_REWRITE_DELAY_MS, MAX_DOC_BYTES } from './docLimits';
import { GroupCommitter } from './GroupCommitter';
import { loadDoc } from './loadDoc';
import { type LoggedUpdate, type LogWriter, localLogWriter } from './LogWriter';
import { type DocWriter, Room, SERVER } from './Room';
import { RoomTimers } from './RoomTimers';

export interface DocRegistryDeps {
  db: Database;
  log: Logger;
  now: () => number;
  /** Where commits and snapshots go; the single-process writer when absent. */
  logWriter?: LogWriter;
  /** Runs after a history rewrite (erasure): makes the deleted rows unreadable in the files. */
  afterHistoryRewrite?: () => Promise<unknown>;
}

export interface DocRegistryOptions {
  idleUnloadMs?: number;
  compactAfterUpdates?: number;
  compactAfterBytes?: number;
  maxDocBytes?: number;
  historyRewriteDelayMs?: number;
}

/**
 * The Y.Doc registry: the only server code that writes a Y.Doc (DESIGN.md section 2). It loads
 * documents once (single-flight), hands them to connections and REST commands, commits their
 * changes (GroupCommitter), compacts their logs and unloads them when idle.
 */
export class DocRegistry {
  readonly #rooms = new Map<string, Room>();
  /** Loads in progress: two clients opening one document cause exactly one load. */
  readonly #loading = new Map<string, Promise<Room>>();
  readonly #idleTimers = new RoomTimers();
  readonly #committer: GroupCommitter;
  readonly #compactions = new Set<Promise<void>>();
  readonly #idleUnloadMs: number;
  readonly #compactAfter: number;
  readonly #compactAfterBytes: number;
  readonly #maxDocBytes: number;
  readonly #logWriter: LogWriter;
  readonly #loadedListeners = new Set<(room: Room) => void>();
  readonly #rewriteTimers = new RoomTimers();
  readonly #historyRewriteDelayMs: number;
  #closed = false;

  constructor(
    private readonly deps: DocRegistryDeps,
    options: DocRegistryOptions = {},
  ) {
    this.#idleUnloadMs = options.idleUnloadMs ?? DOC_IDLE_UNLOAD_MS;
    this.#compactAfter = options.compactAfterUpdates ?? COMPACT_AFTER_UPDATES;
    this.#compactAfterBytes = options.compactAfterBytes ?? COMPACT_AFTER_BYTES;
    this.#maxDocBytes = options.maxDocBytes ?? MAX_DOC_BYTES;
    this.#historyRewriteDelayMs = options.historyRewriteDelayMs ?? HISTORY_REWRITE_DELAY_MS;
    this.#logWriter = deps.logWriter ?? localLogWriter(deps.db);
    this.#committer = new GroupCommitter(this.#logWriter, deps.log, deps.now, (rooms) => this.#afterCommit(rooms));
  }

  /** Loaded documents (diagnostics, tests). */
  get loadedCount(): number {
    return this.#rooms.size;
  }

  isLoaded(name: string): boolean {
    return this.#rooms.has(name);
  }

  /** The watermark (`Room.lastId`) of every loaded document: what a catch-up asks for. */
  watermarks(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, room] of this.#rooms) if (!room.discarded) out.set(name, room.lastId);
    return out;
  }

  /** The watermark of one loaded document, or null when it is not loaded. */
  watermark(name: string): number | null {
    const room = this.#rooms.get(name);
    return room && !room.discarded ? room.lastId : null;
  }

  /** Calls `listener` after each load (a node catches up on what it loaded). */
  onLoaded(listener: (room: Room) => void): () => void {
    this.#loadedListeners.add(listener);
    return () => this.#loadedListeners.delete(listener);
  }

  /**
   * Rows another node committed to a loaded document (oldest first): applied and broadcast
   * after any commit in flight. Ignored when the document is not loaded (a load reads them).
   */
  applyRemote(name: string, rows: readonly LoggedUpdate[]): void {
    const room = this.#rooms.get(name);
    if (!room || room.discarded) return;
    room.applyRemote(rows);
    if (!room.inFlight && this.#tailTooLong(room)) this.#compact(room);
  }

  /**
   * Brings a loaded document up to the log now: the rows other nodes committed that this node has
   * not applied yet (their notification may still be on its way). For a command that must read
   * the newest state under a cross-node lock (commands/reconcile/lock.ts); a document that is not
   * loaded is read from the log when it is.
   */
  async catchUp(name: string): Promise<void> {
    await this.#loading.get(name)?.catch(() => undefined);
    const room = this.#rooms.get(name);
    if (!room || room.discarded) return;
    const rows = await listDocUpdatesAfter(this.deps.db, name, room.lastId);
    room.applyRemote(rows.map((r) => ({ id: r.id, update: r.update })));
  }

  /**
   * Holds a document, loading it if needed; pair with `release`. A failed load rejects every
   * waiter, leaves nothing registered and stores nothing.
   */
  async acquire(name: string): Promise<Room> {
    if (this.#closed) throw new Error('the document registry is closed');
    let room = this.#rooms.get(name);
    if (room?.discarded) {
      this.#rooms.delete(name);
      room = undefined;
    }
    room ??= await this.#load(name);
    if (room.discarded) return this.acquire(name); // discarded while we waited: load afresh
    room.refs++;
    this.#idleTimers.cancel(room);
    return room;
  }

  release(room: Room): void {
    room.refs = Math.max(0, room.refs - 1);
    this.#maybeScheduleIdle(room);
  }

  /**
   * Reads a document and applies a change as the server (REST commands): the change goes through
   * the same group commit and broadcast as a client's, and this resolves after its commit.
   */
  async withDoc<T>(name: string, fn: (doc: Y.Doc) => T, authorId: string | null = null): Promise<T> {
    const room = await this.acquire(name);
    try {
      return await room.mutate(fn, authorId === null ? SERVER : ({ authorId } satisfies DocWriter));
    } finally {
      this.release(room);
    }
  }

  /** Unloads every idle document now (after compacting it); returns how many were unloaded. */
  async evictIdle(): Promise<number> {
    await this.#committer.idle();
    let n = 0;
    for (const room of [...this.#rooms.values()]) if (this.#unload(room)) n++;
    await Promise.all(this.#compactions);
    return n;
  }

  /**
   * Rewrites a document's update log from its current state now (erasure, docs/privacy.md): the
   * log rows up to the doc's watermark are replaced by one garbage-collected snapshot, so
   * nothing deleted from the document remains in its history. Resolves once stored.
   */
  async rewriteHistory(name: string): Promise<number> {
    const room = await this.acquire(name);
    try {
      await new Promise<void>((resolve) => room.whenDurable(resolve));
      return await this.#rewrite(room);
    } finally {
      this.release(room);
    }
  }

  /**
   * Drops documents that are being erased: commits in flight finish, then each loaded room is
   * discarded (its connections close; a reconnect is refused because its transcript or study is
   * gone). The caller deletes the stored rows after this resolves, so no commit lands after.
   */
  async forget(names: readonly string[]): Promise<void> {
    await Promise.allSettled(names.map((n) => this.#loading.get(n)).filter((p) => p !== undefined));
    await this.#committer.idle();
    for (const name of names) {
      const room = this.#rooms.get(name);
      if (!room) continue;
      this.#idleTimers.cancel(room);
      this.#rewriteTimers.cancel(room);
      this.#rooms.delete(name);
      room.discard('closing');
    }
    await Promise.all(this.#compactions);
  }

  /** Waits for queued commits and compactions, then drops every document; no use after it. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flushAndDrop();
  }

  /**
   * Waits for queued commits and compactions, then drops every loaded document; the registry
   * stays usable and loads documents again from the log (a test reading what was persisted).
   */
  async flushAndDrop(): Promise<void> {
    await Promise.allSettled(this.#loading.values());
    await this.#committer.idle();
    // Deletions waiting for their rewrite are rewritten now: closing must not keep them.
    for (const room of this.#rewriteTimers.rooms()) this.#startRewrite(room);
    await Promise.all(this.#compactions);
    for (const room of [...this.#rooms.values()]) {
      this.#idleTimers.cancel(room);
      this.#rooms.delete(room.name);
      room.discard('closing');
    }
    await Promise.all(this.#compactions);
  }

  #load(name: string): Promise<Room> {
    const pending = this.#loading.get(name);
    if (pending) return pending;
    const started = performance.now();
    const promise = loadDoc(this.deps.db, name)
      .then((loaded) => {
        const room = new Room(name, loaded, (r) => this.#committer.schedule(r), this.#maxDocBytes);
        this.#rooms.set(name, room);
        this.deps.log.info('doc.loaded', {
          doc: name,
          snapshotUptoId: loaded.snapshotUptoId,
          tailRows: loaded.tailRows,
          bytes: loaded.bytes,
          ms: Math.round((performance.now() - started) * 100) / 100,
        });
        if (this.#tailTooLong(room)) this.#compact(room);
        for (const l of this.#loadedListeners) l(room);
        return room;
      })
      .catch((error: unknown) => {
        this.deps.log.error('doc.load_failed', { doc: name, error: String(error) });
        throw error;
      })
      .finally(() => this.#loading.delete(name));
    this.#loading.set(name, promise);
    return promise;
  }

  #afterCommit(rooms: readonly Room[]): void {
    for (const room of rooms) {
      if (room.discarded) {
        if (this.#rooms.get(room.name) === room) this.#rooms.delete(room.name);
        this.#idleTimers.cancel(room);
        continue;
      }
      if (room.deletedSinceRewrite && rewritesOnDeletion(room.name)) this.#scheduleRewrite(room);
      if (this.#tailTooLong(room)) this.#compact(room);
      this.#maybeScheduleIdle(room);
    }
  }

  /** The log since the snapshot reached a compaction threshold: rows or bytes (docLimits.ts). */
  #tailTooLong(room: Room): boolean {
    return room.updatesSinceSnapshot >= this.#compactAfter || room.bytesSinceSnapshot >= this.#compactAfterBytes;
  }

  /** Debounced: one rewrite after the last of several deletions in a row. */
  #scheduleRewrite(room: Room): void {
    this.#rewriteTimers.schedule(room, this.#historyRewriteDelayMs, (r) => this.#startRewrite(r));
  }

  /** Starts a rewrite at a moment when the doc equals its durable state; tracked like compactions. */
  #startRewrite(room: Room): void {
    this.#rewriteTimers.cancel(room);
    if (room.discarded) return;
    if (room.inFlight) {
      // The doc is ahead of the log until the commit returns: encode it after that.
      room.whenDurable(() => this.#startRewrite(room));
      return;
    }
    const p = this.#rewrite(room)
      .then(() => undefined)
      .catch((error: unknown) => this.deps.log.error('doc.history_rewrite_failed', { doc: room.name, error: String(error) }))
      .finally(() => this.#compactions.delete(p));
    this.#compactions.add(p);
  }

  /**
   * Encodes the live doc synchronously (it equals the log up to `lastId`: no commit in flight),
   * then replaces the rows up to `lastId` by that snapshot. Yjs garbage-collects deleted content
   * in the live doc, so the snapshot holds none of it. A compaction running meanwhile is harmless:
   * it too encodes the live doc, and snapshots only move forward.
   */
  async #rewrite(room: Room): Promise<number> {
    const state = Y.encodeStateAsUpdate(room.doc);
    const uptoId = room.lastId;
    const covered = room.updatesSinceSnapshot;
    const coveredBytes = room.bytesSinceSnapshot;
    const bytesBefore = room.approxBytes;
    room.deletedSinceRewrite = false;
    try {
      const removed = await rewriteDocHistory(this.deps.db, room.name, { uptoId, at: this.deps.now(), state });
      room.updatesSinceSnapshot = Math.max(0, room.updatesSinceSnapshot - covered);
      room.bytesSinceSnapshot = Math.max(0, room.bytesSinceSnapshot - coveredBytes);
      room.approxBytes = state.byteLength + (room.approxBytes - bytesBefore);
      await this.deps.afterHistoryRewrite?.();
      this.deps.log.info('doc.history_rewritten', { doc: room.name, uptoId, rowsRemoved: removed, bytes: state.byteLength });
      return removed;
    } catch (error) {
      room.deletedSinceRewrite = true;
      throw error;
    }
  }

  /**
   * Snapshot from the live doc, taken synchronously at a moment when it equals the log up to
   * `lastId` (never by merging thousands of stored updates). The rows stay as history.
   */
  #compact(room: Room): void {
    if (room.compacting || room.inFlight || room.discarded || room.updatesSinceSnapshot === 0) return;
    const state = Y.encodeStateAsUpdate(room.doc);
    const uptoId = room.lastId;
    const covered = room.updatesSinceSnapshot;
    const coveredBytes = room.bytesSinceSnapshot;
    const bytesBefore = room.approxBytes;
    room.compacting = true;
    const p = this.#logWriter
      .saveSnapshot(room.name, { uptoId, at: this.deps.now(), state })
      .then((outcome) => {
        // 'skipped': another node is compacting this document right now, from much the same
        // state; counting it as done avoids re-encoding the doc after every commit meanwhile.
        room.updatesSinceSnapshot -= covered;
        room.bytesSinceSnapshot -= coveredBytes;
        // Exact again: the snapshot's size plus whatever was appended since it was taken.
        room.approxBytes = state.byteLength + (room.approxBytes - bytesBefore);
        this.deps.log.info(outcome === 'stored' ? 'doc.compacted' : 'doc.compact_skipped', { doc: room.name, uptoId, bytes: state.byteLength });
      })
      .catch((error: unknown) => this.deps.log.error('doc.compact_failed', { doc: room.name, error: String(error) }))
      .finally(() => {
        room.compacting = false;
        this.#compactions.delete(p);
      });
    this.#compactions.add(p);
  }

  #maybeScheduleIdle(room: Room): void {
    if (room.refs > 0 || room.busy || room.discarded || this.#idleTimers.has(room) || this.#closed) return;
    this.#idleTimers.schedule(room, this.#idleUnloadMs, (r) => this.#unload(r));
  }

  /** Unloads a room with no holders and nothing queued or in flight: every write is committed. */
  #unload(room: Room): boolean {
    if (room.refs > 0 || room.busy || room.discarded) return false;
    this.#idleTimers.cancel(room);
    if (this.#rewriteTimers.has(room)) this.#startRewrite(room);
    else if (room.updatesSinceSnapshot >= COMPACT_ON_UNLOAD_MIN_UPDATES) this.#compact(room);
    this.#rooms.delete(room.name);
    room.discard('closing');
    this.deps.log.info('doc.unloaded', { doc: room.name });
    return true;
  }
}

/**
 * Whose history is rewritten after a deletion: a coder's layer, where notes and statements are
 * free text about a participant. The codebook and the consensus keep their history (the audit
 * trail's evidence); the discussion is written by the server only.
 */
function rewritesOnDeletion(name: string): boolean {
  return parseDocName(name)?.kind === 'layer';
}
