import type { MoveThemeInput, Theme, ThemeTree } from '../../../../shared/themes';

export type MoveKey = 'up' | 'down' | 'in' | 'out';

const liveChildren = (tree: ThemeTree, parentId: string | null) => tree.childrenOf(parentId).filter((t) => t.status !== 'retired');

/**
 * Where a keyboard move takes a theme (Alt+arrows in the theme panel): up or down among its
 * siblings, in under the sibling above it (as its last sub-theme), or out beside its parent.
 * Null when there is nowhere to go. The theme model still checks depth and cycles.
 */
export function keyboardMove(tree: ThemeTree, theme: Theme, key: MoveKey): MoveThemeInput | null {
  const siblings = liveChildren(tree, theme.parentId);
  const i = siblings.findIndex((t) => t.id === theme.id);
  if (i < 0) return null;
  switch (key) {
    case 'up':
      return i === 0 ? null : { parentId: theme.parentId, afterId: i >= 2 ? siblings[i - 2]!.id : null };
    case 'down':
      return i === siblings.length - 1 ? null : { parentId: theme.parentId, afterId: siblings[i + 1]!.id };
    case 'in':
      return i === 0 ? null : { parentId: siblings[i - 1]!.id };
    case 'out': {
      const parent = theme.parentId ? tree.byId.get(theme.parentId) : undefined;
      return parent ? { parentId: parent.parentId, afterId: parent.id } : null;
    }
  }
}

/** A drop onto another theme: beside it (after it, same parent) or into it (its last sub-theme). */
export function dropMove(target: Theme, into: boolean): MoveThemeInput {
  return into ? { parentId: target.id } : { parentId: target.parentId, afterId: target.id };
}

export const MOVE_KEYS: Record<string, MoveKey> = { ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'in', ArrowLeft: 'out' };
