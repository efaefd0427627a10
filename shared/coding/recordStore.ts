import { randomId } from '../randomId';
import type * as Y from 'yjs';
import type { z } from 'zod';
import { CodingModelError, CodingModelErrorCode } from './CodingModelError';
import type { LayerMapName } from './layerRecords';
import { requireValidSpan, type Span } from './span';

/** One kind of layer record: where it lives and how it is validated. */
export interface RecordKind<T extends Span & { id: string }> {
  readonly map: LayerMapName;
  readonly schema: z.ZodType<T>;
  /** For messages: "coding", "note", "statement". */
  readonly noun: string;
}

export function layerMap(doc: Y.Doc, name: LayerMapName): Y.Map<unknown> {
  return doc.getMap<unknown>(name);
}

function validate<T extends Span & { id: string }>(kind: RecordKind<T>, input: unknown, textLength: number): T {
  const parsed = kind.schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || kind.noun;
    throw new CodingModelError(CodingModelErrorCode.InvalidInput, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  requireValidSpan(parsed.data, textLength);
  return parsed.data;
}

/** Yjs encodes JSON; an `undefined` member would be stored as such, so optional fields are dropped. */
function plain<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function insertRecord<T extends Span & { id: string }>(doc: Y.Doc, kind: RecordKind<T>, textLength: number, input: unknown): T {
  const value = validate(kind, input, textLength);
  const map = layerMap(doc, kind.map);
  if (map.has(value.id)) throw new CodingModelError(CodingModelErrorCode.RecordExists, `${kind.noun} ${value.id} exists`);
  doc.transact(() => map.set(value.id, plain(value)));
  return value;
}

/**
 * Applies `patch` to a stored record: keys set to `null` are removed (clearing an optional field),
 * the id never changes, and the result is validated as a whole, span included.
 */
export function patchRecord<T extends Span & { id: string }>(
  doc: Y.Doc,
  kind: RecordKind<T>,
  textLength: number,
  id: string,
  patch: Record<string, unknown>,
): T {
  const map = layerMap(doc, kind.map);
  const current = kind.schema.safeParse(map.get(id));
  if (!current.success) {
    // A malformed stored value cannot be patched meaningfully; the coder can remove it.
    throw new CodingModelError(CodingModelErrorCode.RecordNotFound, `no valid ${kind.noun} ${id}`);
  }
  const merged: Record<string, unknown> = Object.fromEntries(Object.entries(current.data));
  for (const [key, v] of Object.entries(patch)) {
    if (v === null) delete merged[key];
    else if (v !== undefined) merged[key] = v;
  }
  merged['id'] = id;
  const value = validate(kind, merged, textLength);
  doc.transact(() => map.set(id, plain(value)));
  return value;
}

/** Removes a record, malformed or not: removing is how a coder cleans up a bad value. */
export function deleteRecord<T extends Span & { id: string }>(doc: Y.Doc, kind: RecordKind<T>, id: string): void {
  const map = layerMap(doc, kind.map);
  if (!map.has(id)) throw new CodingModelError(CodingModelErrorCode.RecordNotFound, `no ${kind.noun} ${id}`);
  doc.transact(() => map.delete(id));
}

/** A fresh record id: random, so two tabs of one coder never collide. */
export function newRecordId(): string {
  return randomId();
}
