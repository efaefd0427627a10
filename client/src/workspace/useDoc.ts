import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { type DocConnection, type DocStatus, connectDoc } from '../collab/connectDoc';

export interface LiveDoc {
  conn: DocConnection | null;
  doc: Y.Doc | null;
  status: DocStatus;
  /** Increments on every document change, so readers re-derive their views. */
  version: number;
  refusal: { code: number; reason: string } | null;
  /** Local edits not yet acknowledged by the server. */
  pending: number;
}

/**
 * Opens a real-time document for the component's lifetime (null name: nothing to open). With
 * `keepUnsaved` (a per-user key), unacknowledged edits are kept in IndexedDB across reloads.
 */
export function useDoc(name: string | null, keepUnsaved?: string): LiveDoc {
  const [conn, setConn] = useState<DocConnection | null>(null);
  const [status, setStatus] = useState<DocStatus>('offline');
  const [version, setVersion] = useState(0);
  const [pending, setPending] = useState(0);
  useEffect(() => {
    if (!name) return;
    const c = connectDoc(name, keepUnsaved ? { keepUnsaved: `${keepUnsaved}/${name}` } : {});
    setConn(c);
    setStatus(c.status());
    const offStatus = c.onStatus((s) => {
      setStatus(s);
      setPending(c.pending());
    });
    const bump = () => setVersion((v) => v + 1);
    c.doc.on('update', bump);
    return () => {
      offStatus();
      c.doc.off('update', bump);
      c.destroy();
      setConn(null);
    };
  }, [name, keepUnsaved]);
  return { conn, doc: conn?.doc ?? null, status, version, refusal: conn?.refusal() ?? null, pending };
}

/** Several documents at once (e.g. the other coders' layers); keyed by name. */
export function useDocs(names: readonly string[]): { docs: ReadonlyMap<string, DocConnection>; version: number } {
  const key = names.join('\n');
  const [docs, setDocs] = useState<ReadonlyMap<string, DocConnection>>(new Map());
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const list = key ? key.split('\n') : [];
    const conns = new Map(list.map((n) => [n, connectDoc(n)] as const));
    const bump = () => setVersion((v) => v + 1);
    const offs = [...conns.values()].map((c) => {
      c.doc.on('update', bump);
      const off = c.onStatus(bump);
      return () => {
        off();
        c.doc.off('update', bump);
        c.destroy();
      };
    });
    setDocs(conns);
    return () => offs.forEach((f) => f());
  }, [key]);
  return { docs, version };
}
