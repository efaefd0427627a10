import { useEffect, useState } from 'react';
import { docName } from '../../../shared/docNames';
import { progressOf, readDiscussion } from '../../../shared/reconcile';
import { connectDoc } from '../collab/connectDoc';
import type { Discussion } from './types';

export type DiscussionState = { state: 'loading' } | { state: 'loaded'; discussion: Discussion } | { state: 'failed'; message: string };

/**
 * The discussions of some transcripts, live. Each `transcripts/<tid>/discussion` document is
 * written only by the server (comments, resolutions, decisions), so this subscribes read-only and
 * re-reads it on every update: a comment or resolution made anywhere shows here as soon as the
 * server commits it. Values that fail the shared schema are skipped by readDiscussion. Items a
 * later reveal superseded are left out, as the server's progress leaves them out.
 */
export function useDiscussions(transcriptIds: readonly string[]): ReadonlyMap<string, DiscussionState> {
  const key = transcriptIds.join('\n');
  const [states, setStates] = useState<ReadonlyMap<string, DiscussionState>>(new Map());
  useEffect(() => {
    const ids = key ? key.split('\n') : [];
    setStates(new Map(ids.map((id) => [id, { state: 'loading' } as const])));
    const cleanups = ids.map((tid) => {
      const conn = connectDoc(docName({ kind: 'discussion', transcriptId: tid }));
      const set = (st: DiscussionState) => setStates((prev) => new Map(prev).set(tid, st));
      const read = () => {
        const refusal = conn.refusal();
        if (refusal) return set({ state: 'failed', message: `the server refused the discussion (${refusal.reason || refusal.code})` });
        // Before the first sync an empty document means "not here yet", not "no disagreements".
        if (!conn.provider.synced) return;
        const d = readDiscussion(conn.doc);
        const items = d.items.filter((i) => i.supersededAt === undefined);
        set({ state: 'loaded', discussion: { items, comments: [...d.comments], progress: progressOf(d.items), revealedAt: d.meta.revealedAt ?? null } });
      };
      conn.doc.on('update', read);
      const offStatus = conn.onStatus(read);
      conn.provider.on('sync', read);
      read();
      return () => {
        conn.doc.off('update', read);
        conn.provider.off('sync', read);
        offStatus();
        conn.destroy();
      };
    });
    return () => cleanups.forEach((f) => f());
  }, [key]);
  return states;
}
