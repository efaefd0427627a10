import * as Y from 'yjs';
import type { CodebookChange } from '../access';
import { canonicalJson } from '../canonicalJson';
import { META_LEVELS_KEY, ThemeField, metaMap, themesMap } from './codebookDoc';

/** The types one transaction changed, with the keys it changed (null: sequence content). */
export type ChangedTypes = Y.Transaction['changed'];

const FIELD_CHANGES: Readonly<Record<string, CodebookChange>> = {
  [ThemeField.label]: 'theme.rename',
  [ThemeField.lifecycle]: 'theme.lifecycle',
  [ThemeField.description]: 'theme.edit',
  [ThemeField.color]: 'theme.edit',
  [ThemeField.position]: 'theme.edit',
  [ThemeField.caseId]: 'theme.edit',
  [ThemeField.createdBy]: 'theme.attribution',
  [ThemeField.createdAt]: 'theme.attribution',
};

const isType = (v: unknown) => v instanceof Y.AbstractType;
// A field holds JSON; a shared type there is not the codebook's layout and never equal.
const same = (a: unknown, b: unknown) => a === b || (!isType(a) && !isType(b) && canonicalJson(a ?? null) === canonicalJson(b ?? null));
const sameEntry = (a: Y.Map<unknown>, b: Y.Map<unknown>) => a._item !== null && b._item !== null && a._item.id.client === b._item.id.client && a._item.id.clock === b._item.id.clock;

/**
 * What one transaction did to a codebook, as the rights see it (shared/access.ts decides each
 * change). `before` is the document as it was, `after` a copy on which the transaction ran and
 * `changed` that transaction's `changed` types. Values are compared, so writing a field again
 * with the value it has changes nothing. Whatever does not fit the layout of codebookDoc.ts is
 * `other`.
 */
export function codebookChanges(before: Y.Doc, after: Y.Doc, changed: ChangedTypes): Set<CodebookChange> {
  const out = new Set<CodebookChange>();
  try {
    const themes = themesMap(after);
    const meta = metaMap(after);
    for (const [changedType, keys] of changed) {
      const type: unknown = changedType;
      if (type === themes) {
        for (const id of keys) themeReplaced(before, after, id, out);
      } else if (type === meta) {
        for (const key of keys) {
          if (key !== META_LEVELS_KEY) out.add('other');
          else if (!same(metaMap(before).get(key), meta.get(key))) out.add('levels');
        }
      } else if (type instanceof Y.Map && type._item?.parent === themes && typeof type._item.parentSub === 'string') {
        const old = themesMap(before).get(type._item.parentSub);
        for (const key of keys) {
          if (key === null) out.add('other');
          else if (!same(old instanceof Y.Map ? old.get(key) : undefined, type.get(key))) out.add(FIELD_CHANGES[key] ?? 'other');
        }
      } else {
        out.add('other');
      }
    }
  } catch {
    // A root type of the codebook's name holds another kind of type: not a codebook change.
    out.add('other');
  }
  return out;
}

/** A key of the themes map was written or deleted: a new theme, or an existing one gone. */
function themeReplaced(before: Y.Doc, after: Y.Doc, id: string | null, out: Set<CodebookChange>): void {
  if (id === null) return void out.add('other');
  const old = themesMap(before).get(id);
  const now = themesMap(after).get(id);
  if (old !== undefined) {
    if (!(old instanceof Y.Map && now instanceof Y.Map && sameEntry(old, now))) out.add('theme.delete');
    return;
  }
  if (now === undefined) return; // added and removed again: nothing left
  if (!(now instanceof Y.Map)) return void out.add('other');
  out.add('theme.add');
  const lifecycle = now.get(ThemeField.lifecycle) as { status?: unknown } | undefined;
  if (lifecycle?.status !== 'active') out.add('theme.lifecycle');
  for (const key of now.keys()) if (!(key in FIELD_CHANGES)) out.add('other');
}
