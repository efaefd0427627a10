import type * as Y from 'yjs';
import { CODING_KIND } from './codings';
import type { Coding, Note, Statement } from './layerRecords';
import { NOTE_KIND } from './notes';
import { layerMap, type RecordKind } from './recordStore';
import { spanError, type Span } from './span';
import { STATEMENT_KIND } from './statements';

export interface Layer {
  readonly codings: readonly Coding[];
  readonly notes: readonly Note[];
  readonly statements: readonly Statement[];
  /** One line per skipped value, in a stable order. */
  readonly problems: readonly string[];
}

/**
 * The records of a layer (or consensus) doc over a text of `textLength` code units, each list
 * sorted by start, end, id. Every value is validated as the operations would validate it; a value
 * that fails (a buggy client, or a span beyond this text) is skipped and reported, never thrown.
 */
export function readLayer(doc: Y.Doc, textLength: number): Layer {
  const problems: string[] = [];
  return {
    codings: readRecords(doc, CODING_KIND, textLength, problems),
    notes: readRecords(doc, NOTE_KIND, textLength, problems),
    statements: readRecords(doc, STATEMENT_KIND, textLength, problems),
    problems,
  };
}

function readRecords<T extends Span & { id: string }>(
  doc: Y.Doc,
  kind: RecordKind<T>,
  textLength: number,
  problems: string[],
): T[] {
  const records: T[] = [];
  const entries = [...layerMap(doc, kind.map).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of entries) {
    const label = `${kind.noun} ${JSON.stringify(key.slice(0, 80))}`;
    const parsed = kind.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`${label} ignored: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
      continue;
    }
    if (parsed.data.id !== key) {
      problems.push(`${label} ignored: its id says ${parsed.data.id}`);
      continue;
    }
    const bad = spanError(parsed.data, textLength);
    if (bad) {
      problems.push(`${label} ignored: ${bad.message}`);
      continue;
    }
    records.push(parsed.data);
  }
  return records.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
