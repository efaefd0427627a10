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
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, SyncStep1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, SyncStep2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, SyncUpdate);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
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
