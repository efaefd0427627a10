import * as Y from 'yjs';
import { CODEBOOK_CHANGES, type CodebookChange } from '../access';
import { canonicalJson } from '../canonicalJson';
import type { CodebookEdit } from './codebookEdits';
import { META_LEVELS_KEY, ThemeField } from './codebookDoc';

export type { ChangedTypes } from './codebookEdits';

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

/**
 * What an update did to a codebook, as the rights see it (shared/access.ts decides each change),
 * in the order of CODEBOOK_CHANGES (both producers of the edits, codebookEdits.ts, then name a
 * refusal alike). Values are compared, so writing a field again with the value it has changes
 * nothing. Whatever does not fit the layout of codebookDoc.ts is `other`, and so is an edit
 * whose values cannot be compared (a non-finite number): each edit is classified on its own, so
 * such a value no longer hides the edits after it.
 */
export function codebookChanges(edits: Iterable<CodebookEdit>): CodebookChange[] {
  const out = new Set<CodebookChange>();
  for (const edit of edits) {
    try {
      classify(edit, out);
    } catch {
      out.add('other');
    }
  }
  return CODEBOOK_CHANGES.filter((c) => out.has(c));
}

function classify(edit: CodebookEdit, out: Set<CodebookChange>): void {
  switch (edit.at) {
    case 'other':
      return void out.add('other');
    case 'meta':
      if (edit.key !== META_LEVELS_KEY) out.add('other');
      else if (!same(edit.before, edit.after)) out.add('levels');
      return;
    case 'field':
      if (!same(edit.before, edit.after)) out.add(FIELD_CHANGES[edit.key] ?? 'other');
      return;
    case 'entry':
      return entryChange(edit, out);
  }
}

/** A key of the themes map was written or deleted: a new theme, or an existing one gone. */
function entryChange(edit: Extract<CodebookEdit, { at: 'entry' }>, out: Set<CodebookChange>): void {
  const { now } = edit;
  if (edit.existed) {
    if (!edit.kept) out.add('theme.delete');
    return;
  }
  if (now === null) return; // added and removed again: nothing left
  if (now === 'not-a-map') return void out.add('other');
  out.add('theme.add');
  const lifecycle = now.get(ThemeField.lifecycle) as { status?: unknown } | undefined;
  if (lifecycle?.status !== 'active') out.add('theme.lifecycle');
  for (const key of now.keys()) if (!(key in FIELD_CHANGES)) out.add('other');
}
