import * as Y from 'yjs';
import type { ChangedTypes } from './codebookChanges';
import { ThemeField, themesMap } from './codebookDoc';
import { themeIdSchema } from './storedTheme';

/**
 * The themes an update gave a `caseId` that is not a transcript id's form (a new theme or a
 * changed field). The clustering boards read a theme's case from it; a malformed one is bad
 * input, refused at the door like a statement outside its transcript (docs/theme-model.md).
 */
export function malformedCases(after: Y.Doc, changed: ChangedTypes): string[] {
  const themes = themesMap(after);
  const out: string[] = [];
  const check = (id: string, entry: unknown) => {
    if (!(entry instanceof Y.Map) || !entry.has(ThemeField.caseId)) return;
    if (!themeIdSchema.safeParse(entry.get(ThemeField.caseId)).success) out.push(id);
  };
  for (const [type, keys] of changed) {
    const t: unknown = type;
    if (t === themes) {
      for (const id of keys) if (id !== null) check(id, themes.get(id));
    } else if (t instanceof Y.Map && t._item?.parent === themes && typeof t._item.parentSub === 'string' && keys.has(ThemeField.caseId)) {
      check(t._item.parentSub, t);
    }
  }
  return out;
}
