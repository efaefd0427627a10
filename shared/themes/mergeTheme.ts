import type * as Y from 'yjs';
import { themeEntry, ThemeField } from './codebookDoc';
import { readThemeTree } from './readThemeTree';
import type { Lifecycle } from './storedTheme';
import { isInSubtree, requireDepth, requireLiveTheme, subtreeHeight } from './themeOpSupport';
import { ThemeModelError, ThemeModelErrorCode } from './ThemeModelError';

/**
 * Merges `sourceId` into `targetId`: the source is retired with `mergedInto = targetId` in one
 * value. Nothing else is rewritten: codings keep naming the source and count for the target
 * through `resolve`, and the source's sub-themes show under the target by the read rule (a merged
 * parent stands for its target), including sub-themes added concurrently. Hence the refusals: a
 * descendant target would become its own ancestor, and the moved sub-themes must fit the depth.
 */
export function mergeTheme(doc: Y.Doc, sourceId: string, targetId: string): void {
  const tree = readThemeTree(doc);
  const source = requireLiveTheme(tree, sourceId);
  if (sourceId === targetId) throw new ThemeModelError(ThemeModelErrorCode.MergeIntoSelf, `cannot merge ${sourceId} into itself`);
  const target = tree.byId.get(targetId);
  if (!target) throw new ThemeModelError(ThemeModelErrorCode.TargetNotFound, `no theme ${targetId}`);
  if (target.status === 'retired') {
    throw new ThemeModelError(ThemeModelErrorCode.TargetRetired, `theme ${targetId} is retired`);
  }
  if (isInSubtree(tree, source.id, targetId)) {
    throw new ThemeModelError(ThemeModelErrorCode.MergeIntoDescendant, `theme ${targetId} is a descendant of ${sourceId}`);
  }
  requireDepth(target.depth + subtreeHeight(tree, sourceId) - 1, tree, `the sub-themes of ${sourceId} under ${targetId}`);
  const lifecycle: Lifecycle = { status: 'retired', mergedInto: targetId };
  const entry = themeEntry(doc, sourceId);
  doc.transact(() => entry?.set(ThemeField.lifecycle, lifecycle));
}
