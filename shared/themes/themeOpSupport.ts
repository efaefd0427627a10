import type * as Y from 'yjs';
import type { z } from 'zod';
import { readThemeTree } from './readThemeTree';
import { keyBetween } from './orderKey';
import { describeIssues } from './readStoredThemes';
import type { Theme, ThemeTree } from './ThemeTree';
import { ThemeModelError, ThemeModelErrorCode } from './ThemeModelError';

/** Validates an operation's input; a failure is the caller's to fix, hence `invalid_input`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ThemeModelError(ThemeModelErrorCode.InvalidInput, describeIssues(parsed.error));
  return parsed.data;
}

export function requireTheme(tree: ThemeTree, id: string): Theme {
  const theme = tree.byId.get(id);
  if (!theme) throw new ThemeModelError(ThemeModelErrorCode.ThemeNotFound, `no theme ${id}`);
  return theme;
}

/** A theme that can still change place or state: retired (and merged) themes are history. */
export function requireLiveTheme(tree: ThemeTree, id: string): Theme {
  const theme = requireTheme(tree, id);
  if (theme.status === 'retired') throw new ThemeModelError(ThemeModelErrorCode.ThemeRetired, `theme ${id} is retired`);
  return theme;
}

/** A parent that may receive a theme; `null` is the top level. Returns the parent's depth (0 for the top). */
export function requireParent(tree: ThemeTree, parentId: string | null): number {
  if (parentId === null) return 0;
  const parent = tree.byId.get(parentId);
  if (!parent) throw new ThemeModelError(ThemeModelErrorCode.ParentNotFound, `no theme ${parentId}`);
  if (parent.status === 'retired') {
    throw new ThemeModelError(ThemeModelErrorCode.ParentRetired, `theme ${parentId} is retired`);
  }
  return parent.depth;
}

/** Levels a subtree spans: 1 for a leaf. */
export function subtreeHeight(tree: ThemeTree, id: string): number {
  let height = 1;
  for (const child of tree.childrenOf(id)) height = Math.max(height, 1 + subtreeHeight(tree, child.id));
  return height;
}

export function isInSubtree(tree: ThemeTree, rootId: string, id: string): boolean {
  return tree.byId.get(id)?.path.includes(rootId) ?? false;
}

export function requireDepth(depth: number, tree: ThemeTree, what: string): void {
  if (depth > tree.levels.maxDepth) {
    throw new ThemeModelError(
      ThemeModelErrorCode.DepthExceeded,
      `${what} would reach depth ${depth}; this study allows ${tree.levels.maxDepth} levels`,
    );
  }
}

/**
 * An order key placing a theme among `parentId`'s children: right after `afterId`, first for
 * `null`, last when undefined. `movingId` is left out of the siblings (a move within one parent).
 * Two clients inserting at one spot can produce equal keys; placing after such a tie goes after
 * all of it, since no key fits between equal keys.
 */
export function orderKeyFor(
  tree: ThemeTree,
  parentId: string | null,
  afterId: string | null | undefined,
  movingId?: string,
): string {
  const siblings = tree.childrenOf(parentId).filter((t) => t.id !== movingId);
  let lower: string | null;
  if (afterId === undefined) lower = siblings.at(-1)?.order ?? null;
  else if (afterId === null) lower = null;
  else {
    const after = siblings.find((t) => t.id === afterId);
    if (!after) {
      throw new ThemeModelError(ThemeModelErrorCode.SiblingNotFound, `theme ${afterId} is not a child of ${parentId ?? 'the top level'}`);
    }
    lower = after.order;
  }
  const upper = siblings.find((t) => lower === null || t.order > lower)?.order ?? null;
  return keyBetween(lower, upper);
}

/** The tree an operation validates against: the codebook itself, or a private one on top of the shared one. */
export function combinedTree(doc: Y.Doc, shared?: Y.Doc): ThemeTree {
  return shared ? readThemeTree(shared, [{ ownerId: 'self', doc }]) : readThemeTree(doc);
}
