import { useEffect, useState } from 'react';
import type { DocConnection } from '../collab/connectDoc';
import { afterNextFrame } from '../components/afterNextFrame';

export interface Span {
  start: number;
  end: number;
}

export interface Peer {
  name: string;
  color: string;
  /** In this transcript (not only in the study). */
  here: boolean;
  selection: Span | null;
  /** The line their cursor or selection is on (in this transcript). */
  line: number | null;
}

/**
 * Presence on the codebook (everyone in the study is connected to it): publishes this user's
 * name, colour, transcript and selection, and reads everyone else's. In blind mode the server
 * passes on only names, never which transcript or what is selected.
 */
export function usePresence(conn: DocConnection | null, me: { name: string; color: string }, transcriptId: string, selection: Span | null, line: number | null): Peer[] {
  useEffect(() => {
    const aw = conn?.provider.awareness;
    if (!aw) return;
    // Sent after the frame that shows the change (a coding clears the selection): encoding and
    // sending the message, and the awareness listeners, then never delay what the coder sees.
    // One change, so one awareness message (not one per field); a newer change cancels this one.
    return afterNextFrame(() => aw.setLocalState({ ...aw.getLocalState(), user: { name: me.name, color: me.color }, transcriptId, selection, line }));
  }, [conn, me.name, me.color, transcriptId, selection, line]);

  const [peers, setPeers] = useState<Peer[]>([]);
  useEffect(() => {
    const aw = conn?.provider.awareness;
    if (!aw) return;
    const read = (changes?: { added: number[]; updated: number[]; removed: number[] }) => {
      // This page's own state (its selection after every coding) is not a peer's: no render for it.
      if (changes && [...changes.added, ...changes.updated, ...changes.removed].every((id) => id === aw.clientID)) return;
      const out: Peer[] = [];
      aw.getStates().forEach((st, clientId) => {
        if (clientId === aw.clientID) return;
        const user = st.user as { name?: string; color?: string } | undefined;
        if (!user?.name) return;
        const sel = st.selection as Span | null | undefined;
        const here = st.transcriptId === transcriptId;
        out.push({ name: user.name, color: user.color ?? '#888', here, selection: here && sel && typeof sel.start === 'number' ? sel : null, line: here && typeof st.line === 'number' ? st.line : null });
      });
      setPeers((prev) => (samePeers(prev, out) ? prev : out));
    };
    read();
    aw.on('change', read);
    return () => aw.off('change', read);
  }, [conn, transcriptId]);
  return peers;
}

function samePeers(a: readonly Peer[], b: readonly Peer[]): boolean {
  return a.length === b.length && a.every((p, i) => {
    const q = b[i]!;
    return p.name === q.name && p.color === q.color && p.here === q.here && p.line === q.line && p.selection?.start === q.selection?.start && p.selection?.end === q.selection?.end;
  });
}
