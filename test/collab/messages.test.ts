import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol';
import * as Y from 'yjs';
import { SyncStep1, SyncStep2, SyncUpdate, syncStep1Message, syncStep2Message, updateMessage } from '../../server/collab/messages';

/** The same message as lib0's encoder writes it (what y-protocols' clients read). */
function viaEncoder(subType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, subType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

describe('sync messages written at their exact size', () => {
  // Each length where the varUint of the payload's length gains a byte, and either side of it.
  const lengths = [0, 1, 99, 100, 127, 128, 129, 300, 16_383, 16_384, 2_097_151, 2_097_152];
  it.each(lengths)('an update of %i bytes is framed byte for byte as lib0 frames it', (n) => {
    const payload = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
    // Compared as buffers: an element-wise deep equality of megabytes takes the runner minutes.
    expect(Buffer.from(updateMessage(payload)).equals(viaEncoder(SyncUpdate, payload))).toBe(true);
    expect(Buffer.from(syncStep2Message(payload)).equals(viaEncoder(SyncStep2, payload))).toBe(true);
  });

  it('frames a SyncStep1 (the state vector) byte for byte as lib0 frames it', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 300; i++) doc.getText('t').insert(0, 'x'); // a state vector with a clock past 127
    const other = new Y.Doc();
    other.getMap('m').set('k', 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other)); // and a second client
    expect(Buffer.from(syncStep1Message(doc)).equals(viaEncoder(SyncStep1, Y.encodeStateVector(doc)))).toBe(true);
    expect(Buffer.from(syncStep1Message(new Y.Doc())).equals(viaEncoder(SyncStep1, Y.encodeStateVector(new Y.Doc())))).toBe(true);
  });

  it('copies the payload: a later change to the update does not reach a message already built', () => {
    const payload = new Uint8Array([1, 2, 3]);
    const message = updateMessage(payload);
    payload[0] = 9;
    expect([...message]).toEqual([MessageType.Sync, SyncUpdate, 3, 1, 2, 3]);
  });
});
