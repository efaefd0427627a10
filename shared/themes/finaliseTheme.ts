import type * as Y from 'yjs';
import { themeEntry, ThemeField } from './codebookDoc';
import { readThemeTree } from './readThemeTree';
import type { Lifecycle } from './storedTheme';
import { requireLiveTheme } from './themeOpSupport';
import { ThemeModelError, ThemeModelErrorCode } from './ThemeModelError';

/** Marks a theme as part of the final table of themes (a lead's decision, audited by the server). */
export function finaliseTheme(doc: Y.Doc, id: string): void {
  const theme = requireLiveTheme(readThemeTree(doc), id);
  if (theme.status === 'final') throw new ThemeModelError(ThemeModelErrorCode.ThemeFinal, `theme ${id} is already final`);
  const lifecycle: Lifecycle = { status: 'final' };
  const entry = themeEntry(doc, id);
  doc.transact(() => entry?.set(ThemeField.lifecycle, lifecycle));
}
