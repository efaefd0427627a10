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
}

/** Opens a real-time document for the component's lifetime (null name: nothing to open). */
export function useDoc(name: string | null): LiveDoc {
  const [conn, setConn] = useState<DocConnection | null>(null);
  const [status, setStatus] = useState<DocStatus>('offline');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!name) return;
    const c = connectDoc(name);
    setConn(c);
    setStatus(c.status());
    const offStatus = c.onStatus(setStatus);
    const bump = () => setVersion((v) => v + 1);
    c.doc.on('update', bump);
    return () => {
      offStatus();
      c.doc.off('update', bump);
      c.destroy();
      setConn(null);
    };
  }, [name]);
  return { conn, doc: conn?.doc ?? null, status, version, refusal: conn?.refusal() ?? null };
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
