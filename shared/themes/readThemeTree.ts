import type * as Y from 'yjs';
import { compareSiblings, placeThemes } from './placeThemes';
import { levelNameOf, readLevels } from './readLevels';
import { readStoredThemes } from './readStoredThemes';
import { resolveMerges } from './resolveMerges';
import type { StoredTheme } from './storedTheme';
import type { Theme, ThemeTree } from './ThemeTree';

/** A coder's private codebook read on top of the shared one (docs/theme-model.md). */
export interface CodebookOverlay {
  ownerId: string;
  doc: Y.Doc;
}

/**
 * The lead's codebook reconciliation (docs/reconciliation.md, "Codebook reconciliation"): per
 * private theme, the theme it now counts as (mapped, merged or promoted), or null when it is kept
 * out of the consensus. Read as the theme's lifecycle, so codings and statements follow it
 * through `resolve`; a decision on a theme that is not a private one is ignored.
 */
export type CodebookMapping = ReadonlyMap<string, string | null>;

/**
 * The theme tree of a codebook Y.Doc. Pure: reads the document, never writes it, never throws on
 * its content. Concurrent edits can leave stored parents and merges that form cycles or exceed the
 * depth; the read rule (resolveMerges, placeThemes; docs/theme-model.md) turns any state into a
 * valid tree, and since it depends on the state alone, synced clients show identical trees.
 */
export function readThemeTree(doc: Y.Doc, overlays: readonly CodebookOverlay[] = [], mapping: CodebookMapping = NO_MAPPING): ThemeTree {
  const problems: string[] = [];
  const levels = readLevels(doc, problems);
  const { stored, ownerOf } = storedWithOverlays(doc, overlays, problems);
  const excluded = applyMapping(stored, ownerOf, mapping);
  const merges = resolveMerges(stored, problems);
  const { parentOf, depthOf } = placeThemes(stored, merges.resolve, levels, problems);

  const statusOf = (id: string) =>
    merges.reinstated.has(id) ? 'active' : (stored.get(id)?.lifecycle.status ?? 'active');

  const unordered = new Map<string, Omit<Theme, 'path'>>();
  for (const [id, s] of stored) {
    const parentId = parentOf.get(id) ?? null;
    const depth = depthOf.get(id) ?? 1;
    const status = statusOf(id);
    const orphaned = status !== 'retired' && parentId !== null && statusOf(parentId) === 'retired';
    if (orphaned) problems.push(`theme ${id} is ${status} under the retired theme ${parentId}`);
    unordered.set(id, {
      id,
      label: s.label,
      description: s.description,
      color: s.color,
      status,
      mergedInto: merges.mergedInto.get(id) ?? null,
      parentId,
      order: s.position.order,
      createdBy: s.createdBy,
      createdAt: s.createdAt,
      owner: ownerOf.get(id) ?? null,
      caseId: s.caseId ?? null,
      depth,
      level: depth - 1,
      levelName: levelNameOf(levels, depth),
      orphaned,
      excluded: excluded.has(id),
    });
  }

  const childIds = new Map<string | null, string[]>();
  for (const theme of unordered.values()) {
    const list = childIds.get(theme.parentId);
    if (list) list.push(theme.id);
    else childIds.set(theme.parentId, [theme.id]);
  }
  const sortKey = (id: string) => unordered.get(id)?.order ?? '';
  for (const list of childIds.values()) list.sort((a, b) => compareSiblings(sortKey(a), a, sortKey(b), b));

  const themes: Theme[] = [];
  const byId = new Map<string, Theme>();
  const children = new Map<string | null, Theme[]>();
  const visit = (id: string, above: readonly string[]): Theme | undefined => {
    const base = unordered.get(id);
    if (!base) return undefined;
    const theme: Theme = { ...base, path: [...above, id] };
    themes.push(theme);
    byId.set(id, theme);
    const kids: Theme[] = [];
    for (const child of childIds.get(id) ?? []) {
      const placed = visit(child, theme.path);
      if (placed) kids.push(placed);
    }
    children.set(id, kids);
    return theme;
  };
  const roots: Theme[] = [];
  for (const id of childIds.get(null) ?? []) {
    const placed = visit(id, []);
    if (placed) roots.push(placed);
  }
  children.set(null, roots);

  return {
    levels,
    themes,
    roots,
    byId,
    childrenOf: (parentId) => children.get(parentId) ?? [],
    resolve: merges.resolve,
    problems,
  };
}

const NO_MAPPING: CodebookMapping = new Map();

/**
 * Reads the lead's decisions as the private themes' lifecycle (the private documents are not
 * written: only their owners write them): a theme that counts as another is merged into it, an
 * excluded one is retired. Answers the excluded themes.
 */
function applyMapping(stored: Map<string, StoredTheme>, ownerOf: ReadonlyMap<string, string>, mapping: CodebookMapping): Set<string> {
  const excluded = new Set<string>();
  for (const [id, target] of mapping) {
    const theme = stored.get(id);
    if (!theme || !ownerOf.has(id)) continue;
    if (target === null) excluded.add(id);
    stored.set(id, { ...theme, lifecycle: target === null ? { status: 'retired' } : { status: 'retired', mergedInto: target } });
  }
  return excluded;
}

/**
 * The stored themes of the shared codebook and of each private overlay, as one set in ascending
 * id order (the read rule's order). A private theme may sit under, or merge into, a shared theme
 * or one of its owner's own; an id that is already taken (the shared codebook or an earlier
 * overlay has it) is ignored and reported, so a private document cannot shadow a shared theme.
 */
function storedWithOverlays(doc: Y.Doc, overlays: readonly CodebookOverlay[], problems: string[]) {
  const stored = readStoredThemes(doc, problems);
  const ownerOf = new Map<string, string>();
  if (overlays.length === 0) return { stored, ownerOf };
  for (const o of [...overlays].sort((a, b) => (a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : 0))) {
    for (const [id, t] of readStoredThemes(o.doc, problems)) {
      if (stored.has(id)) {
        problems.push(`theme ${id} of ${o.ownerId}'s private codebook ignored: the id is taken`);
        continue;
      }
      stored.set(id, t);
      ownerOf.set(id, o.ownerId);
    }
  }
  const sorted = new Map<string, StoredTheme>([...stored].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { stored: sorted, ownerOf };
}
