import type * as Y from 'yjs';
import { themeEntry, ThemeField } from './codebookDoc';
import { readThemeTree } from './readThemeTree';
import type { Lifecycle } from './storedTheme';
import { requireLiveTheme } from './themeOpSupport';
import { ThemeModelError, ThemeModelErrorCode } from './ThemeModelError';

/**
 * Retires a theme: it stays in the codebook (its codings keep their meaning) but leaves the live
 * tree. Refused while it has live sub-themes, since retiring would silently orphan them; move,
 * merge or retire them first. A child added concurrently is shown `orphaned` by the read rule.
 */
export function retireTheme(doc: Y.Doc, id: string): void {
  const tree = readThemeTree(doc);
  requireLiveTheme(tree, id);
  const live = tree.childrenOf(id).filter((child) => child.status !== 'retired');
  if (live.length > 0) {
    throw new ThemeModelError(
      ThemeModelErrorCode.HasActiveChildren,
      `theme ${id} has live sub-themes: ${live.map((c) => c.id).join(', ')}`,
    );
  }
  const lifecycle: Lifecycle = { status: 'retired' };
  const entry = themeEntry(doc, id);
  doc.transact(() => entry?.set(ThemeField.lifecycle, lifecycle));
}
