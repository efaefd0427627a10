import { consensusDocName, discussionDocName } from '../../../shared/docNames';
import type { Services } from '../../services';
import { CommandLock, lockedTransaction } from '../../store/advisoryLocks';
import type { Database } from '../../store/database';

// Resolving reads an item's current revision, writes the consensus, then the discussion: two
// documents, so two commits. Within one process the steps of one transcript run one at a time
// (`serialised`), so two leads resolving the same item at once get revisions n+1 and n+2, never
// two n+1. The chains live in the services (Services.serialChains), so several servers in one
// process never share them. With several nodes on PostgreSQL, `reconcileWrite` adds a lock that
// every node sees (issue 14 item 8).

/** Runs `fn` after every earlier call for the same key on these services has settled. */
export function serialised<T>(s: Services, key: string, fn: () => Promise<T>): Promise<T> {
  const byKey = s.serialChains;
  const previous = byKey.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  byKey.set(key, settled);
  void settled.then(() => {
    if (byKey.get(key) === settled) byKey.delete(key);
  });
  return run;
}

/**
 * A reconciliation write of one transcript, one at a time across every node.
 *
 * On PostgreSQL: a transaction holding the transcript's advisory lock (CommandLock.reconcile,
 * keyed by `hashtext(transcriptId)`) from before the first read until the write's database rows
 * commit with it; after taking the lock the transcript's documents (`docs`, consensus and
 * discussion by default) are caught up from the log, so the write reads what the previous holder
 * wrote on another node even before its notification arrived. `fn` gets that transaction for its
 * rows (audit events, snapshots); its document writes commit through the registry meanwhile.
 * On SQLite there is one process: the per-process chain is the lock, `fn` gets the database.
 */
export function reconcileWrite<T>(s: Services, transcriptId: string, fn: (db: Database) => Promise<T>, docs?: readonly string[]): Promise<T> {
  return serialised(s, `reconcile:${transcriptId}`, () => {
    if (s.dialect !== 'postgres') return fn(s.db);
    return lockedTransaction(s.db, CommandLock.reconcile, transcriptId, async (trx) => {
      for (const name of docs ?? [consensusDocName(transcriptId), discussionDocName(transcriptId)]) await s.docs.catchUp(name);
      return fn(trx);
    });
  });
}
