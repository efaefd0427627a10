import type * as Y from 'yjs';
import type { z } from 'zod';
import { themeEntry, ThemeField } from './codebookDoc';
import { readThemeTree } from './readThemeTree';
import { themeColorSchema, themeDescriptionSchema, themeLabelSchema } from './storedTheme';
import { parseInput, requireTheme } from './themeOpSupport';

/**
 * Label, description and colour edits. Each writes one key of the theme's own map, so concurrent
 * edits of different attributes all survive and edits of one attribute resolve last-writer-wins.
 * Retired themes may be edited too: fixing a typo in history harms nothing.
 */
function setAttribute<S extends z.ZodType>(doc: Y.Doc, id: string, field: ThemeField, schema: S, input: unknown): void {
  const value = parseInput(schema, input);
  requireTheme(readThemeTree(doc), id);
  const entry = themeEntry(doc, id);
  doc.transact(() => entry?.set(field, value));
}

export function renameTheme(doc: Y.Doc, id: string, label: string): void {
  setAttribute(doc, id, ThemeField.label, themeLabelSchema, label);
}

export function describeTheme(doc: Y.Doc, id: string, description: string): void {
  setAttribute(doc, id, ThemeField.description, themeDescriptionSchema, description);
}

export function recolourTheme(doc: Y.Doc, id: string, color: string): void {
  setAttribute(doc, id, ThemeField.color, themeColorSchema, color);
}
