import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** y-websocket frames (y-protocols), for the fuzzers. */
export const frame = {
  sync(step: number, payload: Uint8Array): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  },
  awareness(clientId: number, clock: number, json: string): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, json);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    return encoding.toUint8Array(e);
  },
  queryAwareness: (): Uint8Array => Uint8Array.of(3),
  /** SyncStep1 with an empty state vector: always answered with SyncStep2 once authorised. */
  probe: (): Uint8Array => frame.sync(0, Y.encodeStateVector(new Y.Doc())),
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

/** Deterministic PRNG (mulberry32), so a failing run replays from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
