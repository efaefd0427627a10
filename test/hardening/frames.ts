import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { awarenessFrame, prng, syncFrame } from '../collab/frames';

export { prng };

/** y-websocket frames (y-protocols) for the fuzzers, built on the collab tests' frame builders. */
export const frame = {
  sync: syncFrame,
  awareness: awarenessFrame,
  queryAwareness: (): Uint8Array => Uint8Array.of(3),
  /** SyncStep1 with an empty state vector: always answered with SyncStep2 once authorised. */
  probe: (): Uint8Array => syncFrame(0, Y.encodeStateVector(new Y.Doc())),
};

/** A state vector of random (but well-formed) client ids and clocks. */
export function randomStateVector(rand: () => number): Uint8Array {
  const e = encoding.createEncoder();
  const n = Math.floor(rand() * 4);
  encoding.writeVarUint(e, n);
  for (let i = 0; i < n; i++) {
    encoding.writeVarUint(e, Math.floor(rand() * 2 ** 31));
    encoding.writeVarUint(e, Math.floor(rand() * 1e6));
  }
  return encoding.toUint8Array(e);
}

/** A real update from a fresh client (never sent on a writer's socket by the fuzzer). */
export function sampleUpdate(text: string): Uint8Array {
  const d = new Y.Doc();
  d.getArray<string>('codings').push([text]);
  d.getMap('notes').set('n', text.slice(0, 40));
  return Y.encodeStateAsUpdate(d);
}
