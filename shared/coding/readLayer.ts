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

/** What reading one stored value gave: the record, or why it was skipped (without its label). */
type Outcome<T> = { record: T } | { problem: string };

/**
 * Each stored plain value's outcome, by the value's identity. Yjs hands back the same object for
 * a map entry until that entry is set again, and a stored JSON value is never changed in place,
 * so re-reading a layer after one change re-validates only the changed record; every other
 * record keeps its identity (the worksheet's per-line rows compare records by reference). Only
 * plain JSON objects are cached: a nested Y type is mutable under the same identity.
 */
const outcomes = new WeakMap<object, { kind: RecordKind<never>; key: string; textLength: number; outcome: Outcome<unknown> }>();

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function readValue<T extends Span & { id: string }>(kind: RecordKind<T>, key: string, value: unknown, textLength: number): Outcome<T> {
  const plain = isPlainObject(value);
  if (plain) {
    const hit = outcomes.get(value);
    if (hit && hit.kind === (kind as RecordKind<never>) && hit.key === key && hit.textLength === textLength) return hit.outcome as Outcome<T>;
  }
  const outcome = validateValue(kind, key, value, textLength);
  if (plain) outcomes.set(value, { kind: kind as RecordKind<never>, key, textLength, outcome });
  return outcome;
}

function validateValue<T extends Span & { id: string }>(kind: RecordKind<T>, key: string, value: unknown, textLength: number): Outcome<T> {
  const parsed = kind.schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}` };
  }
  if (parsed.data.id !== key) return { problem: `its id says ${parsed.data.id}` };
  const bad = spanError(parsed.data, textLength);
  if (bad) return { problem: bad.message };
  return { record: parsed.data };
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
    const outcome = readValue(kind, key, value, textLength);
    if ('problem' in outcome) problems.push(`${kind.noun} ${JSON.stringify(key.slice(0, 80))} ignored: ${outcome.problem}`);
    else records.push(outcome.record);
  }
  return records.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
