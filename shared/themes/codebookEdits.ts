import * as Y from 'yjs';
import { metaMap, themesMap } from './codebookDoc';

/** The types one transaction changed, with the keys it changed (null: sequence content). */
export type ChangedTypes = Y.Transaction['changed'];

/**
 * What one update changes in a codebook, location by location, with the value before and after:
 * the one input of the decision (codebookChanges, malformedCases). Issue 19: two producers build
 * it, so one decision serves both and the rights are written once.
 *
 * - `editsFromDocs`: from the document and a copy on which the update ran (the trial; the
 *   fallback, and the oracle of the prediction's tests).
 * - `predictCodebookEdits`: from the decoded update read against the document, without applying
 *   it; null when it cannot be sure, and the caller falls back to the trial.
 *
 * Values are a field's JSON, or a shared type (`Y.AbstractType`) when a writer put one there.
 */
export type CodebookEdit =
  /** Anything outside the codebook's layout (another root, sequence content, an odd type). */
  | { readonly at: 'other' }
  /** A key of `meta` written or deleted. */
  | { readonly at: 'meta'; readonly key: string; readonly before: unknown; readonly after: unknown }
  /** A key of an existing theme's nested map written or deleted; `present`: the key is there after. */
  | { readonly at: 'field'; readonly theme: string; readonly key: string; readonly before: unknown; readonly after: unknown; readonly present: boolean }
  /**
   * A key of `themes` written or deleted. `existed`: the key held something before; `kept`: it
   * still holds the same theme entry (the same Y.Map); `now`: the entry's fields after, when it
   * is a map ('not-a-map' for another value, null when the key is empty after).
   */
  | { readonly at: 'entry'; readonly theme: string; readonly existed: boolean; readonly kept: boolean; readonly now: ReadonlyMap<string, unknown> | 'not-a-map' | null };

export const OTHER: CodebookEdit = Object.freeze({ at: 'other' });

const sameEntry = (a: unknown, b: unknown) =>
  a instanceof Y.Map && b instanceof Y.Map && a._item !== null && b._item !== null && a._item.id.client === b._item.id.client && a._item.id.clock === b._item.id.clock;

/**
 * Whether a changed type is this root. A copy built from an encoded state (the room's shadow)
 * holds its roots as plain AbstractTypes until something asks for them by kind; Doc#get then
 * replaces the root by a new Y.Map that takes over its `_map`, so a transaction that ran before
 * names the old object in `changed`. Compared by identity alone, the first update judged on a new
 * copy read as `other` whatever it did to the themes (a coder's theme deletion passed).
 */
function sameRoot(type: unknown, root: Y.Map<unknown>): boolean {
  return type === root || (type instanceof Y.AbstractType && type._item === null && type._map === root._map);
}

/**
 * The edits of a transaction that ran on `after`, a copy of `before`; `changed` is that
 * transaction's `changed` types.
 */
export function editsFromDocs(before: Y.Doc, after: Y.Doc, changed: ChangedTypes): CodebookEdit[] {
  const out: CodebookEdit[] = [];
  let themes: Y.Map<unknown>;
  let meta: Y.Map<unknown>;
  try {
    themes = themesMap(after);
    meta = metaMap(after);
  } catch {
    // A root type of the codebook's name holds another kind of type: not a codebook change.
    return [OTHER];
  }
  try {
    collect(before, themes, meta, changed, out);
  } catch {
    // The document holds a root of the codebook's name as another kind (Doc#getMap throws).
    out.push(OTHER);
  }
  return out;
}

function collect(before: Y.Doc, themes: Y.Map<unknown>, meta: Y.Map<unknown>, changed: ChangedTypes, out: CodebookEdit[]): void {
  for (const [changedType, keys] of changed) {
    const type: unknown = sameRoot(changedType, themes) ? themes : sameRoot(changedType, meta) ? meta : changedType;
    if (type === themes) {
      for (const id of keys) {
        if (id === null) {
          out.push(OTHER);
          continue;
        }
        const old = themesMap(before).get(id);
        const now = themes.get(id);
        out.push({ at: 'entry', theme: id, existed: old !== undefined, kept: sameEntry(old, now), now: now === undefined ? null : now instanceof Y.Map ? new Map(now.entries()) : 'not-a-map' });
      }
    } else if (type === meta) {
      for (const key of keys) out.push(key === null ? OTHER : { at: 'meta', key, before: metaMap(before).get(key), after: meta.get(key) });
    } else if (type instanceof Y.Map && type._item?.parent === themes && typeof type._item.parentSub === 'string') {
      const theme = type._item.parentSub;
      const old = themesMap(before).get(theme);
      for (const key of keys) {
        if (key === null) out.push(OTHER);
        else out.push({ at: 'field', theme, key, before: old instanceof Y.Map ? old.get(key) : undefined, after: type.get(key), present: type.has(key) });
      }
    } else {
      out.push(OTHER);
    }
  }
}
