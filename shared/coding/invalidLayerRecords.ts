import type * as Y from 'yjs';
import { CODING_KIND } from './codings';
import { NOTE_KIND } from './notes';
import { layerMap, type RecordKind } from './recordStore';
import { spanError, type Span } from './span';
import { STATEMENT_KIND } from './statements';

const KINDS: ReadonlyArray<RecordKind<Span & { id: string }>> = [CODING_KIND, NOTE_KIND, STATEMENT_KIND];

/**
 * What one transaction wrote into a layer (or consensus) document that the operations would have
 * refused: a record that fails its schema, names another id than its key, or is anchored outside
 * the transcript (`textLength` code units). `after` is a copy on which the transaction ran and
 * `changed` that transaction's changed types (Y.Transaction['changed']). Removing a record is
 * always allowed (it is how a coder cleans up). The server refuses an update with any problem
 * (issue 15 item 3: "a statement anchored outside the transcript is refused"), so what readers
 * skip never reaches the document in the first place.
 */
export function invalidLayerRecords(after: Y.Doc, changed: ReadonlyMap<unknown, ReadonlySet<string | null>>, textLength: number): string[] {
  const problems: string[] = [];
  for (const kind of KINDS) {
    if (!after.share.has(kind.map)) continue;
    const map = layerMap(after, kind.map);
    const keys = changed.get(map);
    if (!keys) continue;
    for (const key of keys) {
      if (key === null) continue;
      const value = map.get(key);
      if (value === undefined) continue;
      const label = `${kind.noun} ${JSON.stringify(key.slice(0, 80))}`;
      const parsed = kind.schema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        problems.push(`${label}: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
        continue;
      }
      if (parsed.data.id !== key) {
        problems.push(`${label}: its id says ${parsed.data.id}`);
        continue;
      }
      const bad = spanError(parsed.data, textLength);
      if (bad) problems.push(`${label}: ${bad.message}`);
    }
  }
  return problems.sort();
}
