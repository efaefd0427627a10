import * as Y from 'yjs';

/** A Y.Doc with a fixed client id, so a failing property run replays with the same conflict winners. */
export function makeDoc(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}

/** One direction of a sync: `to` receives everything `from` has that it lacks. */
export function syncInto(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

export function syncAll(docs: readonly Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) syncInto(a, b);
}
