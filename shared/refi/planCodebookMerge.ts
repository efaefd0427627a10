import type * as Y from 'yjs';
import { THEME_LIMITS, type ThemeTree, addTheme, describeTheme, recolourTheme, renameTheme } from '../themes';
import { codeGuid } from './buildExportProject';
import { guidFor } from './guid';
import { themeColor, themeLabel } from './planThemes';
import type { RefiCode } from './project';

export interface CodebookMergeAdd {
  readonly id: string;
  readonly label: string;
  readonly parentId: string | null;
  /** Labels from the top level down to the new theme, for the preview. */
  readonly path: readonly string[];
  readonly description: string;
  readonly color: string | null;
}

/** A matched theme and what the file changes besides its label (description, colour). */
export interface Updates {
  readonly themeId: string;
  readonly changes: readonly ('description' | 'color')[];
  readonly description: string;
  readonly color: string | null;
}

export interface CodebookMergePlan {
  readonly added: readonly CodebookMergeAdd[];
  readonly renamed: readonly (Updates & { readonly from: string; readonly to: string })[];
  /** Matched themes whose label stays; `changes` lists the attributes the file updates. */
  readonly unchanged: readonly (Updates & { readonly label: string })[];
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/**
 * What merging a codebook file into the study's codebook would do. A code matches a theme by GUID
 * (a theme imported from a file keeps its GUID; a Concord theme's GUID is the one its exports
 * carry), else by label under the same parent, case-insensitively, so a codebook shared between
 * tools by name merges too. Unmatched codes are added under their (matched or added) parent.
 * Nothing is ever removed or moved: a merge only adds and renames, so it cannot lose codings.
 */
export function planCodebookMerge(codes: readonly RefiCode[], tree: ThemeTree): CodebookMergePlan {
  const byGuid = new Map(tree.themes.map((t) => [codeGuid(t.id), t.id]));
  const themeOf = new Map<string, string>();
  const depthOf = new Map<string, number>(tree.themes.map((t) => [t.id, t.depth]));
  const labelOf = new Map<string, readonly string[]>(tree.themes.map((t) => [t.id, t.path.map((id) => tree.byId.get(id)?.label ?? id)]));
  const added: CodebookMergeAdd[] = [];
  const renamed: CodebookMergePlan['renamed'][number][] = [];
  const unchanged: CodebookMergePlan['unchanged'][number][] = [];
  const skipped: { name: string; reason: string }[] = [];
  const addedChildren = new Map<string | null, CodebookMergeAdd[]>();

  for (const c of codes) {
    const label = themeLabel(c.name);
    const parentKnown = c.parentGuid === null || themeOf.has(c.parentGuid);
    if (!parentKnown) {
      skipped.push({ name: label, reason: 'its parent code was skipped' });
      continue;
    }
    const parentId = c.parentGuid === null ? null : (themeOf.get(c.parentGuid) ?? null);
    const matchedId =
      byGuid.get(c.guid) ??
      tree.childrenOf(parentId).find((t) => t.label.toLowerCase() === label.toLowerCase())?.id ??
      (addedChildren.get(parentId) ?? []).find((a) => a.label.toLowerCase() === label.toLowerCase())?.id;
    if (matchedId && tree.byId.has(matchedId)) {
      const theme = tree.byId.get(matchedId)!;
      themeOf.set(c.guid, matchedId);
      const color = themeColor(c.color);
      const changes: ('description' | 'color')[] = [];
      if (c.description && c.description !== theme.description) changes.push('description');
      if (color && color !== theme.color.toLowerCase()) changes.push('color');
      const updates = { themeId: matchedId, changes, description: c.description.slice(0, THEME_LIMITS.descriptionLength), color };
      if (theme.label !== label) renamed.push({ ...updates, from: theme.label, to: label });
      else unchanged.push({ ...updates, label });
      continue;
    }
    if (matchedId) {
      skipped.push({ name: label, reason: 'the file has this code twice' });
      themeOf.set(c.guid, matchedId);
      continue;
    }
    const parent = parentId === null ? null : tree.byId.get(parentId);
    const depth = (parentId === null ? 0 : (depthOf.get(parentId) ?? 0)) + 1;
    if (parent?.status === 'retired') {
      skipped.push({ name: label, reason: `its parent ${parent.label} is retired` });
      continue;
    }
    if (depth > tree.levels.maxDepth) {
      skipped.push({ name: label, reason: `it would be at level ${depth}; the codebook has ${tree.levels.maxDepth} levels` });
      continue;
    }
    const id = byGuidFree(guidFor('code', c.guid), tree);
    const path = [...(parentId === null ? [] : (labelOf.get(parentId) ?? [])), label];
    const add = { id, label, parentId, path, description: c.description, color: themeColor(c.color) };
    added.push(add);
    addedChildren.set(parentId, [...(addedChildren.get(parentId) ?? []), add]);
    themeOf.set(c.guid, id);
    depthOf.set(id, depth);
    labelOf.set(id, path);
  }
  return { added, renamed, unchanged, skipped };
}

/** The code's GUID as theme id, unless some theme already has that id (then a fresh derived one). */
function byGuidFree(id: string, tree: ThemeTree): string {
  return tree.byId.has(id) ? guidFor('code', `${id}:again:${tree.themes.length}`) : id;
}

/**
 * Applies a plan to the codebook document in one transaction. Callers plan against the document's
 * current tree right before applying (inside the same withDoc), so edits made since the preview
 * are taken into account rather than overwritten blindly.
 */
export function applyCodebookMerge(doc: Y.Doc, plan: CodebookMergePlan, createdBy: string, now: number): void {
  doc.transact(() => {
    for (const a of plan.added) addTheme(doc, { id: a.id, label: a.label, parentId: a.parentId, description: a.description.slice(0, THEME_LIMITS.descriptionLength), ...(a.color ? { color: a.color } : {}), createdBy, createdAt: now });
    for (const r of plan.renamed) renameTheme(doc, r.themeId, r.to);
    for (const u of [...plan.renamed, ...plan.unchanged]) {
      if (u.changes.includes('description')) describeTheme(doc, u.themeId, u.description);
      if (u.changes.includes('color') && u.color) recolourTheme(doc, u.themeId, u.color);
    }
  });
}
