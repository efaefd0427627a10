import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol';

/**
 * Encoders of the messages the server sends, in the standard y-websocket framing
 * ([messageType varUint][payload]) plus Concord's `persisted` (shared/protocol.ts).
 */

// y-protocols/sync sub-types.
export const SyncStep1 = 0;
export const SyncStep2 = 1;
export const SyncUpdate = 2;

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return framed(MessageType.Sync, SyncStep1, Y.encodeStateVector(doc));
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  return framed(MessageType.Sync, SyncStep2, update);
}

/** The broadcast of every committed change: one allocation of the exact size (issue 19). */
export function updateMessage(update: Uint8Array): Uint8Array {
  return framed(MessageType.Sync, SyncUpdate, update);
}

/**
 * A sync message (step 1, step 2, update):
 * [type varUint][sub-type varUint][payload varUint8Array], as lib0's encoder writes it, into one
 * buffer of the exact size: the encoder starts at 100 bytes, grows by doubling and copies the
 * result out (two or three allocations and copies per message). Both numbers are below 128
 * (one byte each).
 */
function framed(type: number, subType: number, payload: Uint8Array): Uint8Array {
  const n = payload.byteLength;
  let lengthBytes = 1;
  for (let v = n; v > 0x7f; v = Math.floor(v / 0x80)) lengthBytes++;
  const out = new Uint8Array(2 + lengthBytes + n);
  out[0] = type;
  out[1] = subType;
  let i = 2;
  let v = n;
  while (v > 0x7f) {
    out[i++] = 0x80 | (v & 0x7f);
    v = Math.floor(v / 0x80);
  }
  out[i++] = v;
  out.set(payload, i);
  return out;
}

/**
 * The answer to a read-only connection's dropped write: a SyncStep2 carrying the empty update.
 * It changes nothing on the client but completes its sync handshake, so it does not retry.
 */
export const NOOP_SYNC_STEP2 = syncStep2Message(Y.encodeStateAsUpdate(new Y.Doc()));

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Concord's `persisted`: [100 varUint][durable state vector varUint8Array] (docs/collab.md). */
export function persistedMessage(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Persisted);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}
