import type { HierarchyMode, Theme } from './transcript';

export interface ThemeResolver {
  /** The themes a coding of `themeId` counts for (empty for an unknown theme). */
  readonly resolve: (themeId: string) => readonly string[];
  /** Themes that exist after merges, in the input order. */
  readonly themes: readonly string[];
}

/**
 * Applies merges and, in rollup mode, the hierarchy. Merge chains (a -> b -> c) are followed to
 * their end. The data comes from concurrent edits, so a cycle (a -> b -> a) is possible: it is
 * resolved to the smallest id on the cycle, so every member lands on the same theme whatever the
 * entry point. Parent chains get the same guard: a cycle stops the walk instead of looping.
 */
export function themeResolver(themes: readonly Theme[], hierarchy: HierarchyMode = 'exact'): ThemeResolver {
  const byId = new Map<string, Theme>();
  for (const t of themes) byId.set(t.id, t);

  const canonicalCache = new Map<string, string>();
  const canonical = (id: string): string => {
    const cached = canonicalCache.get(id);
    if (cached !== undefined) return cached;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at = id;
    let result: string;
    for (;;) {
      const hit = canonicalCache.get(at);
      if (hit !== undefined) {
        result = hit;
        break;
      }
      const seenAt = onPath.get(at);
      if (seenAt !== undefined) {
        result = path.slice(seenAt).reduce((a, b) => (b < a ? b : a));
        break;
      }
      onPath.set(at, path.length);
      path.push(at);
      const next = byId.get(at)?.mergedInto;
      if (next === undefined || next === null || !byId.has(next)) {
        result = at;
        break;
      }
      at = next;
    }
    for (const p of path) canonicalCache.set(p, result);
    return result;
  };

  const survivors = themes.filter((t) => canonical(t.id) === t.id).map((t) => t.id);

  const resolved = new Map<string, readonly string[]>();
  const resolve = (themeId: string): readonly string[] => {
    const cached = resolved.get(themeId);
    if (cached) return cached;
    let result: string[];
    if (!byId.has(themeId)) result = [];
    else {
      const own = canonical(themeId);
      result = [own];
      if (hierarchy === 'rollup') {
        const seen = new Set(result);
        let parent = byId.get(own)?.parentId ?? null;
        while (parent !== null && byId.has(parent)) {
          const p = canonical(parent);
          if (seen.has(p)) break;
          seen.add(p);
          result.push(p);
          parent = byId.get(p)?.parentId ?? null;
        }
      }
    }
    resolved.set(themeId, result);
    return result;
  };
  return { resolve, themes: survivors };
}
