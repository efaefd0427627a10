import type { TranscriptPhase } from '../../shared/domain';
import type { Database } from '../store/database';
import { type DocSnapshot, type NewDocUpdate, appendDocUpdates, saveDocSnapshot, sqliteDocAppender } from '../store/docLog';
import { findTranscriptPhases, sqliteTranscriptPhaseReader } from '../store/transcripts';

/** One row of a document's log as another writer (node) committed it. */
export interface LoggedUpdate {
  id: number;
  update: Uint8Array;
}

/**
 * The phase a write was granted under: its rows may commit only while the transcript is still in
 * it (issue 14 item 8). A node learns of another node's phase change through NOTIFY, later than
 * the change committed; the commit itself checks, under the transcript's phase lock.
 */
export interface PhaseCondition {
  transcriptId: string;
  phase: TranscriptPhase;
}

/** What one document contributes to a group commit. */
export interface DocAppend {
  doc: string;
  /** Every row of the doc with id <= appliedId is in the room's doc (its watermark). */
  appliedId: number;
  rows: readonly NewDocUpdate[];
  /** When present, the rows commit only while it holds; otherwise none of them does (`refused`). */
  condition?: PhaseCondition;
}

/** What a group commit stored for one document. */
export interface DocAppended {
  /** Ids of `rows`, in input order (none when refused). */
  ids: number[];
  /** The transcript had left the phase of `condition`: no row of this document was stored. */
  refused?: true;
  /**
   * Rows of the doc with appliedId < id < ids[0] that other writers committed first and the
   * room had not applied, oldest first. Always empty with a single writer process.
   */
  missed: LoggedUpdate[];
}

export type SnapshotOutcome = 'stored' | 'skipped';

/**
 * Where the document registry makes changes durable (house style rule 2: the interface first).
 * One process on SQLite or PostgreSQL uses `localLogWriter`; several processes on one
 * PostgreSQL use server/cluster's writer, which serialises commits per document and announces
 * them to the other nodes.
 */
export interface LogWriter {
  /** Appends the rows of several documents in one transaction; results in input order. */
  append(docs: readonly DocAppend[]): Promise<DocAppended[]>;
  /**
   * The same append, committed before it returns, when the writer can do so without waiting
   * (SQLite, no other transaction open); null when it cannot, and then nothing was written.
   * Saves the group commit its promise hops (issue 19); absent on writers that always wait.
   */
  appendNow?(docs: readonly DocAppend[]): DocAppended[] | null;
  /**
   * Stores a snapshot unless the stored one is as new or newer (a snapshot never moves
   * backwards), or another compactor holds the document ('skipped').
   */
  saveSnapshot(doc: string, snapshot: DocSnapshot): Promise<SnapshotOutcome>;
}

/**
 * The single-process writer on either dialect: one Kysely transaction, nothing to announce. The
 * phase conditions are read in that transaction; one process learns of its own phase changes
 * synchronously (the collab door suspends the connections before anything else runs), so the
 * check only repeats what the door already decided.
 */
export function localLogWriter(db: Database): LogWriter {
  return singleProcessWriter(db, (docs) =>
    db.transaction().execute(async (trx) => {
      const guarded = conditionedTranscripts(docs);
      const phases = guarded.length > 0 ? await findTranscriptPhases(trx, guarded) : new Map<string, TranscriptPhase>();
      const refused = unmetConditions(docs, (id) => phases.get(id) ?? null);
      return { refused, ids: await appendDocUpdates(trx, rowsToStore(docs, refused)) };
    }),
  );
}

/**
 * The single-process writer on SQLite (what `npm start` runs): the same transaction through a
 * prepared statement on the driver's handle (store/docLog.ts sqliteDocAppender), run
 * synchronously, so no other query can interleave with it.
 *
 * The one thing it must never do is run inside another caller's transaction (its rows would
 * commit or roll back with that caller's). Such a transaction can only be open across an await
 * (BEGIN done, COMMIT not yet), which the handle reports (`inTransaction`): only then does the
 * commit wait for Kysely's only connection. Otherwise it runs at once, without the connection
 * hand-over (a Kysely instance per commit and a few promise hops: the y-websocket server pays
 * nothing of the kind, issue 19).
 */
export function sqliteLogWriter(db: Database, sqlite: SqliteHandle): LogWriter {
  const append = sqliteDocAppender(sqlite);
  const phaseOf = sqliteTranscriptPhaseReader(sqlite);
  // The phases are read synchronously, just before the insert: nothing can change them in between.
  const commitNow = (docs: readonly DocAppend[]) => {
    const refused = unmetConditions(docs, phaseOf);
    return { refused, ids: append(rowsToStore(docs, refused)) };
  };
  const writer = singleProcessWriter(db, (docs) => {
    if (sqlite.inTransaction) return db.connection().execute(async () => commitNow(docs));
    return new Promise((resolve) => resolve(commitNow(docs)));
  });
  return { ...writer, appendNow: (docs) => (sqlite.inTransaction ? null : resultsOf(docs, commitNow(docs))) };
}

type SqliteHandle = Parameters<typeof sqliteDocAppender>[0];

/** The ids of the stored rows in input order, and the documents whose condition failed (no rows stored). */
type Commit = (docs: readonly DocAppend[]) => Promise<{ refused: ReadonlySet<string>; ids: number[] }>;

function singleProcessWriter(db: Database, commit: Commit): LogWriter {
  return {
    async append(docs) {
      return resultsOf(docs, await commit(docs));
    },
    async saveSnapshot(doc, snapshot) {
      await saveDocSnapshot(db, doc, snapshot);
      return 'stored';
    },
  };
}

/** Each document's share of a single-process commit, in input order. */
function resultsOf(docs: readonly DocAppend[], { refused, ids }: { refused: ReadonlySet<string>; ids: number[] }): DocAppended[] {
  let offset = 0;
  return docs.map((d) => {
    if (refused.has(d.doc)) return { ids: [], missed: [], refused: true };
    const mine = ids.slice(offset, offset + d.rows.length);
    offset += d.rows.length;
    return { ids: mine, missed: [] };
  });
}

const NO_DOCS: ReadonlySet<string> = new Set();

/** The transcripts the conditions of `docs` name (none for a group without conditions). */
function conditionedTranscripts(docs: readonly DocAppend[]): string[] {
  return [...new Set(docs.flatMap((d) => (d.condition ? [d.condition.transcriptId] : [])))];
}

/** The documents of `docs` whose transcript is no longer in the phase their condition names. */
export function unmetConditions(docs: readonly DocAppend[], phaseOf: (transcriptId: string) => TranscriptPhase | null): ReadonlySet<string> {
  let refused: Set<string> | null = null;
  for (const d of docs) {
    if (d.condition && phaseOf(d.condition.transcriptId) !== d.condition.phase) (refused ??= new Set()).add(d.doc);
  }
  return refused ?? NO_DOCS;
}

/** The rows of the documents not refused, in input order. */
function rowsToStore(docs: readonly DocAppend[], refused: ReadonlySet<string>): NewDocUpdate[] {
  return docs.flatMap((d) => (refused.has(d.doc) ? [] : d.rows));
}
