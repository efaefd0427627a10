import type { CodebookEdit } from './codebookEdits';
import { ThemeField } from './codebookDoc';
import { themeIdSchema } from './storedTheme';

/**
 * The themes an update gave a `caseId` that is not a transcript id's form (a new theme or a
 * changed field), sorted. The clustering boards read a theme's case from it; a malformed one is
 * bad input, refused at the door like a statement outside its transcript (docs/theme-model.md).
 */
export function malformedCases(edits: Iterable<CodebookEdit>): string[] {
  const out = new Set<string>();
  const check = (id: string, caseId: unknown) => {
    if (!themeIdSchema.safeParse(caseId).success) out.add(id);
  };
  for (const edit of edits) {
    if (edit.at === 'entry' && edit.now instanceof Map && edit.now.has(ThemeField.caseId)) check(edit.theme, edit.now.get(ThemeField.caseId));
    else if (edit.at === 'field' && edit.key === ThemeField.caseId && edit.present) check(edit.theme, edit.after);
  }
  return [...out].sort();
}
