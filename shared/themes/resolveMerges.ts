import { findCycles, smallest } from './findCycles';
import type { StoredTheme } from './storedTheme';

export interface EffectiveMerges {
  /** Effective `mergedInto` per merged theme, after the rule below; acyclic. */
  readonly mergedInto: ReadonlyMap<string, string>;
  /** Themes whose own merge was ignored to break a merge cycle: they survive, as active themes. */
  readonly reinstated: ReadonlySet<string>;
  /** The theme whose codings a coding of `id` counts for (`id` itself when not merged or unknown). */
  readonly resolve: (id: string) => string;
}

/**
 * Merges as every client must see them (docs/theme-model.md, "Merges"):
 * - a merge into a theme that is not in the codebook (or was ignored as malformed) is ignored;
 * - merges can form a cycle only concurrently (A into B on one client, B into A on another). On
 *   each cycle the merge recorded on the SMALLEST theme id is ignored: that theme survives and the
 *   others resolve to it. The agreement engine (shared/agreement/themeResolver.ts) resolves raw
 *   merge cycles to the smallest id too, so both agree even when fed stored rather than effective
 *   merges. The survivor was retired by its own merge; it is reinstated as active, because the
 *   codings of the whole cycle now count for it and they must count for a live theme.
 */
export function resolveMerges(themes: ReadonlyMap<string, StoredTheme>, problems: string[]): EffectiveMerges {
  const edges = new Map<string, string>();
  for (const [id, theme] of themes) {
    if (theme.lifecycle.status !== 'retired' || theme.lifecycle.mergedInto === undefined) continue;
    const target = theme.lifecycle.mergedInto;
    if (!themes.has(target)) {
      problems.push(`merge of ${id} into ${target} ignored: ${target} is not in the codebook`);
      continue;
    }
    edges.set(id, target);
  }

  const reinstated = new Set<string>();
  for (const cycle of findCycles([...themes.keys()], (id) => edges.get(id))) {
    const survivor = smallest(cycle);
    edges.delete(survivor);
    reinstated.add(survivor);
    problems.push(`merge cycle ${cycle.join(' -> ')}: the merge of ${survivor} is ignored, ${survivor} stays active`);
  }

  const cache = new Map<string, string>();
  const resolve = (id: string): string => {
    const cached = cache.get(id);
    if (cached !== undefined) return cached;
    const chain: string[] = [];
    let at = id;
    // Acyclic after the loop above, so the walk ends within `edges.size` steps.
    for (let next = edges.get(at); next !== undefined; next = edges.get(at)) {
      chain.push(at);
      at = cache.get(next) ?? next;
      if (cache.has(next)) break;
    }
    for (const member of chain) cache.set(member, at);
    cache.set(id, at);
    return at;
  };
  return { mergedInto: edges, reinstated, resolve };
}
