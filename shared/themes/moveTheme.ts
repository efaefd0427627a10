import type * as Y from 'yjs';
import { z } from 'zod';
import { themeEntry, ThemeField } from './codebookDoc';
import { themeIdSchema } from './storedTheme';
import { combinedTree, isInSubtree, orderKeyFor, parseInput, requireDepth, requireLiveTheme, requireParent, subtreeHeight } from './themeOpSupport';
import { ThemeModelError, ThemeModelErrorCode } from './ThemeModelError';

const moveThemeInput = z.object({
  parentId: themeIdSchema.nullable(),
  /** Sibling to place the theme after; null places it first; omitted places it last. */
  afterId: themeIdSchema.nullable().optional(),
});
export type MoveThemeInput = z.input<typeof moveThemeInput>;

/**
 * Re-parents and/or reorders a theme with its subtree. Only the theme's `position` is written (one
 * value: parent and order key together), so a concurrent move of another theme never conflicts;
 * a concurrent move that still forms a cycle is resolved by the read rule. With `shared`, `doc`
 * is a private codebook on top of the shared one (see addTheme): only its own themes move.
 */
export function moveTheme(doc: Y.Doc, id: string, input: MoveThemeInput, shared?: Y.Doc): void {
  const value = parseInput(moveThemeInput, input);
  const tree = combinedTree(doc, shared);
  requireLiveTheme(tree, id);
  if (!themeEntry(doc, id)) throw new ThemeModelError(ThemeModelErrorCode.ThemeNotFound, `theme ${id} is not in this codebook`);
  if (value.parentId !== null && isInSubtree(tree, id, value.parentId)) {
    throw new ThemeModelError(ThemeModelErrorCode.Cycle, `theme ${value.parentId} is ${id} or one of its descendants`);
  }
  const parentDepth = requireParent(tree, value.parentId);
  requireDepth(parentDepth + subtreeHeight(tree, id), tree, `moving ${id} with its sub-themes`);
  const order = orderKeyFor(tree, value.parentId, value.afterId, id);
  const entry = themeEntry(doc, id);
  doc.transact(() => entry?.set(ThemeField.position, { parentId: value.parentId, order }));
}
