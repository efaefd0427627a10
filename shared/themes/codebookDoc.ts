import * as Y from 'yjs';

/**
 * The layout of a `studies/<sid>/codebook` Y.Doc (DESIGN.md section 4):
 *
 * - `themes`: Y.Map, theme id -> Y.Map with the keys of `ThemeField`. One nested map per theme so
 *   that concurrent edits of different fields (one coder renames, another recolours) both survive.
 *   Fields that must change together are one JSON value, since Yjs resolves each map key on its
 *   own: `position` = `{ parentId, order }` (a move), `lifecycle` = `{ status, mergedInto? }` (a
 *   merge retires and points at its target in one value).
 * - `meta`: Y.Map with one key, `levels` = `{ names, maxDepth }`, one value for the same reason.
 *
 * Nothing is ever deleted from `themes`: a theme leaves the tree by retiring or merging, so codings
 * that name it keep a meaning and merges stay auditable.
 */
export const CODEBOOK_MAPS = { themes: 'themes', meta: 'meta' } as const;

export const ThemeField = {
  label: 'label',
  description: 'description',
  color: 'color',
  position: 'position',
  lifecycle: 'lifecycle',
  createdBy: 'createdBy',
  createdAt: 'createdAt',
  /** Optional: the case of a personal experiential theme (a transcript id). */
  caseId: 'caseId',
} as const;
export type ThemeField = (typeof ThemeField)[keyof typeof ThemeField];

export const META_LEVELS_KEY = 'levels';

export function themesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(CODEBOOK_MAPS.themes);
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(CODEBOOK_MAPS.meta);
}

/** The nested map of one theme, or undefined when absent or not a map (a buggy writer). */
export function themeEntry(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const entry = themesMap(doc).get(id);
  return entry instanceof Y.Map ? (entry as Y.Map<unknown>) : undefined;
}
