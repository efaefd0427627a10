import { frame, randomStateVector, sampleUpdate } from './frames';

export type Lane = 'writer' | 'reader';
export interface Fuzzed {
  bytes: Uint8Array;
  text?: boolean;
  /** Hostile frames may close the connection; harmless ones must not. */
  hostile: boolean;
}

const UPDATES = [sampleUpdate('a'), sampleUpdate('a longer coding memo, '.repeat(30)), sampleUpdate('ü🙂\u0000')];

/**
 * Would this frame reach a writer's document as SyncStep2/Update? The fuzzer never lets one
 * through on a writer's socket: a mutated update can be a valid different update, which the
 * server rightly stores, and this fuzzer asserts that nothing is stored. (Writers' mutated
 * updates are the subject of test/collab/fuzz.test.ts, which checks log/doc agreement instead.)
 */
const reachesDoc = (b: Uint8Array) => b[0] === 0 && (b[1] === 1 || b[1] === 2);

/** Frames that must be accepted or ignored: valid messages with random content. */
export function harmless(rand: () => number, lane: Lane, clientId: number, clock: number): Fuzzed {
  const pick = Math.floor(rand() * (lane === 'reader' ? 5 : 3));
  switch (pick) {
    case 0:
      return { bytes: frame.sync(0, randomStateVector(rand)), hostile: false };
    case 1:
      return { bytes: frame.queryAwareness(), hostile: false };
    case 2: {
      const state = { user: { name: randomText(rand, 12), color: `#${Math.floor(rand() * 0xffffff).toString(16)}` }, cursor: { anchor: Math.floor(rand() * 1e4), head: rand() } };
      return { bytes: frame.awareness(clientId, clock, JSON.stringify(state)), hostile: false };
    }
    default: {
      // A reader's update is dropped unread (answered with a no-op SyncStep2): random bytes too.
      const payload = rand() < 0.5 ? UPDATES[Math.floor(rand() * UPDATES.length)]! : randomBytes(rand, Math.floor(rand() * 200));
      return { bytes: frame.sync(1 + Math.floor(rand() * 2), payload), hostile: false };
    }
  }
}

/** Random, mutated and malformed frames; any of them may close the sender. */
export function hostile(rand: () => number, lane: Lane, clientId: number): Fuzzed {
  for (;;) {
    const f = hostileCandidate(rand, lane, clientId);
    if (f.text || lane === 'reader' || !reachesDoc(f.bytes) || f.structural) return { bytes: f.bytes, hostile: true, ...(f.text ? { text: true } : {}) };
  }
}

function hostileCandidate(rand: () => number, lane: Lane, clientId: number): { bytes: Uint8Array; text?: boolean; structural?: boolean } {
  const valid = () => {
    const pool = [frame.probe(), frame.sync(0, randomStateVector(rand)), frame.awareness(clientId, 1, '{"user":{"name":"x"}}'), frame.queryAwareness()];
    if (lane === 'reader') pool.push(frame.sync(2, UPDATES[Math.floor(rand() * UPDATES.length)]!));
    return pool[Math.floor(rand() * pool.length)]!;
  };
  switch (Math.floor(rand() * 11)) {
    case 0:
      return { bytes: randomBytes(rand, Math.floor(rand() * 64)) };
    case 1:
      return { bytes: flipBits(rand, valid()) };
    case 2: {
      const v = valid();
      return { bytes: v.slice(0, Math.floor(rand() * v.length)) };
    }
    case 3: {
      const v = valid();
      const at = Math.floor(rand() * v.length);
      return { bytes: Uint8Array.from([...v.slice(0, at), ...randomBytes(rand, 1 + Math.floor(rand() * 8)), ...v.slice(at)]) };
    }
    case 4: // giant varints where types, steps and lengths go
      return { bytes: Uint8Array.from([[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], [0, 0xff, 0xff, 0xff, 0xff, 0x0f], [0, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0], [1, 0xff, 0xff, 0xff, 0xff, 0x0f]][Math.floor(rand() * 4)]!) };
    case 5: // message types Concord does not accept from clients, and unknown sync steps
      return rand() < 0.5 ? { bytes: Uint8Array.from([[2, 4, 5, 6, 7, 8, 100, 127, 200][Math.floor(rand() * 9)]!, ...randomBytes(rand, 16)]) } : { bytes: frame.sync(3 + Math.floor(rand() * 120), randomBytes(rand, 8)) };
    case 6: {
      // A real update, structurally broken: its length prefix overruns, or bytes trail it.
      const m = frame.sync(1 + Math.floor(rand() * 2), UPDATES[Math.floor(rand() * UPDATES.length)]!);
      const bytes = rand() < 0.5 ? m.slice(0, Math.max(3, Math.floor(rand() * (m.length - 1)))) : Uint8Array.from([...m, ...randomBytes(rand, 1 + Math.floor(rand() * 8))]);
      return { bytes, structural: true };
    }
    case 7: // awareness that is not JSON, not an object, or too large (MAX_AWARENESS_STATE_BYTES)
      return { bytes: frame.awareness(clientId, 2, ['{', 'nul', '"\u0000', `{"big":"${'x'.repeat(9 * 1024)}"}`][Math.floor(rand() * 4)]!) };
    case 8:
      return { bytes: new TextEncoder().encode(randomText(rand, 40)), text: true };
    case 9: // two valid messages in one frame
      return { bytes: Uint8Array.from([...valid(), ...valid()]) };
    default:
      return { bytes: Uint8Array.from([...randomBytes(rand, 4), ...valid()]) };
  }
}

function flipBits(rand: () => number, m: Uint8Array): Uint8Array {
  const out = Uint8Array.from(m);
  for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
    const at = Math.floor(rand() * out.length);
    out[at] = out[at]! ^ (1 << Math.floor(rand() * 8));
  }
  return out;
}

function randomBytes(rand: () => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
}

const ALPHABET = ['a', 'Z', ' ', '"', '\\', 'ü', '🙂', '\u0000', '\u202e', '<', '%', '/', '.'];
function randomText(rand: () => number, n: number): string {
  return Array.from({ length: 1 + Math.floor(rand() * n) }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join('');
}
