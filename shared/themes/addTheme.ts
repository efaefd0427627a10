import { randomId } from '../randomId';
import * as Y from 'yjs';
import { z } from 'zod';
import { ThemeField, themesMap } from './codebookDoc';
import { themeColorSchema, themeDescriptionSchema, themeIdSchema, themeLabelSchema, THEME_LIMITS } from './storedTheme';
import { combinedTree, orderKeyFor, parseInput, requireDepth, requireParent } from './themeOpSupport';
import { ThemeModelError, ThemeModelErrorCode } from './ThemeModelError';

/** Colours for new themes, picked in turn; distinct enough side by side as highlight tints. */
export const THEME_PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6', '#d37295',
] as const;

const addThemeInput = z.object({
  id: themeIdSchema.optional(),
  label: themeLabelSchema,
  parentId: themeIdSchema.nullable().default(null),
  /** Sibling to place the theme after; null places it first; omitted places it last. */
  afterId: themeIdSchema.nullable().optional(),
  description: themeDescriptionSchema.default(''),
  color: themeColorSchema.optional(),
  createdBy: z.string().min(1).max(THEME_LIMITS.idLength),
  createdAt: z.number().int().nonnegative().optional(),
  /** The case of a personal experiential theme (its participant's transcript id). */
  caseId: themeIdSchema.optional(),
});
export type AddThemeInput = z.input<typeof addThemeInput>;

/**
 * Adds an active theme under `parentId` (or at the top level); returns its id. With `shared`,
 * `doc` is a private codebook read on top of the shared codebook: the parent may be a shared
 * theme, and depth and order are checked in the combined tree.
 */
export function addTheme(doc: Y.Doc, input: AddThemeInput, shared?: Y.Doc): string {
  const value = parseInput(addThemeInput, input);
  const id = value.id ?? randomId();
  if (themesMap(doc).has(id) || (shared && themesMap(shared).has(id))) throw new ThemeModelError(ThemeModelErrorCode.ThemeExists, `theme ${id} exists`);
  const tree = combinedTree(doc, shared);
  const parentDepth = requireParent(tree, value.parentId);
  requireDepth(parentDepth + 1, tree, 'the new theme');
  const order = orderKeyFor(tree, value.parentId, value.afterId);
  const color = value.color ?? THEME_PALETTE[tree.themes.length % THEME_PALETTE.length] ?? THEME_PALETTE[0];

  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set(ThemeField.label, value.label);
    entry.set(ThemeField.description, value.description);
    entry.set(ThemeField.color, color);
    entry.set(ThemeField.position, { parentId: value.parentId, order });
    entry.set(ThemeField.lifecycle, { status: 'active' });
    entry.set(ThemeField.createdBy, value.createdBy);
    entry.set(ThemeField.createdAt, value.createdAt ?? Date.now());
    if (value.caseId !== undefined) entry.set(ThemeField.caseId, value.caseId);
    themesMap(doc).set(id, entry);
  });
  return id;
}
