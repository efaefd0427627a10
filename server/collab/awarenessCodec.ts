import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The y-protocols awareness update: [count varUint] then per client
 * [clientID varUint][clock varUint][state JSON varString]; `null` removes the client.
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export class AwarenessStateTooLarge extends Error {}

/** Decodes and validates an awareness update; throws on anything malformed or oversized. */
export function decodeAwarenessUpdate(update: Uint8Array, maxStateBytes: number, maxEntries: number): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  // A client only announces its own few ids; a huge count is a flood or garbage.
  if (count > maxEntries) throw new AwarenessStateTooLarge(`awareness update with ${count} entries`);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const bytes = decoding.readVarUint8Array(d);
    if (bytes.byteLength > maxStateBytes) throw new AwarenessStateTooLarge(`awareness state of ${bytes.byteLength} bytes`);
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) throw new Error('awareness state is not an object');
    entries.push({ clientId, clock, state: parsed as Record<string, unknown> | null });
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes after the awareness update');
  return entries;
}

export function encodeAwarenessUpdate(entries: ReadonlyArray<{ clientId: number; clock: number; json: string }>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientId);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, x.json);
  }
  return encoding.toUint8Array(e);
}
