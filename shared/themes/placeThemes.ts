import { findCycles, greatest } from './findCycles';
import type { Levels, StoredTheme } from './storedTheme';

export interface Placement {
  /** Effective parent per theme (null at the top level); acyclic, depth within `maxDepth`. */
  readonly parentOf: ReadonlyMap<string, string | null>;
  /** 1 for a top-level theme. */
  readonly depthOf: ReadonlyMap<string, number>;
}

/**
 * Where each theme sits in the tree every client shows (docs/theme-model.md, "The read rule"):
 * 1. a parent that is not in the codebook is ignored: the theme goes to the top level;
 * 2. a parent that was merged stands for its merge target (`resolve`), so children added to a
 *    theme while it was being merged follow it, like its older children;
 * 3. a parent cycle (only concurrent moves can make one) is broken at the theme with the GREATEST
 *    id on it, which goes to the top level;
 * 4. a theme deeper than `maxDepth` (concurrent moves, or a lowered limit) is lifted to the deepest
 *    allowed level: it hangs under its ancestor at depth `maxDepth - 1`, and so does the rest of
 *    its subtree, flattened.
 * Every step is a function of the document state alone, so clients that have the same updates
 * show the same tree, whatever order the updates arrived in.
 */
export function placeThemes(
  themes: ReadonlyMap<string, StoredTheme>,
  resolve: (id: string) => string,
  levels: Levels,
  problems: string[],
): Placement {
  const ids = [...themes.keys()];
  const parentOf = new Map<string, string | null>();
  for (const [id, theme] of themes) {
    const stored = theme.position.parentId;
    if (stored === null) parentOf.set(id, null);
    else if (!themes.has(stored)) {
      problems.push(`theme ${id}: parent ${stored} is not in the codebook, shown at the top level`);
      parentOf.set(id, null);
    } else parentOf.set(id, resolve(stored));
  }

  for (const cycle of findCycles(ids, (id) => parentOf.get(id) ?? undefined)) {
    const cut = greatest(cycle);
    parentOf.set(cut, null);
    problems.push(`parent cycle ${cycle.join(' -> ')}: ${cut} is shown at the top level`);
  }

  const orderOf = (id: string): string => themes.get(id)?.position.order ?? '';
  const byOrder = (a: string, b: string): number => compareSiblings(orderOf(a), a, orderOf(b), b);
  const children = new Map<string | null, string[]>();
  for (const id of ids) {
    const parent = parentOf.get(id) ?? null;
    const list = children.get(parent);
    if (list) list.push(id);
    else children.set(parent, [id]);
  }
  for (const list of children.values()) list.sort(byOrder);

  const placedParent = new Map<string, string | null>();
  const depthOf = new Map<string, number>();
  // Depth-first from the roots. After step 3 every chain reaches the top, so every theme is
  // visited once; a lifted theme's children are lifted too, so recursion stays within maxDepth+1.
  const visit = (id: string, ancestors: readonly string[]): void => {
    let chain = ancestors;
    if (ancestors.length + 1 > levels.maxDepth) {
      chain = ancestors.slice(0, levels.maxDepth - 1);
      problems.push(`theme ${id} is deeper than ${levels.maxDepth} levels, shown under ${chain.at(-1) ?? 'the top level'}`);
    }
    placedParent.set(id, chain.at(-1) ?? null);
    depthOf.set(id, chain.length + 1);
    for (const child of children.get(id) ?? []) visit(child, [...chain, id]);
  };
  for (const root of children.get(null) ?? []) visit(root, []);
  return { parentOf: placedParent, depthOf };
}

/** Siblings sort by order key; equal keys (two clients inserted at one spot) by theme id. */
export function compareSiblings(orderA: string, idA: string, orderB: string, idB: string): number {
  if (orderA !== orderB) return orderA < orderB ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
