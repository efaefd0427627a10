import * as Y from 'yjs';
import type { z } from 'zod';
import { themesMap } from './codebookDoc';
import { storedThemeSchema, themeIdSchema, type StoredTheme } from './storedTheme';

/**
 * Every well-formed theme of the codebook, keyed by id in ascending id order. A value that fails
 * validation (a buggy or hostile client wrote it) is left out and reported in `problems`; the
 * themes under it then count as having a missing parent. Never throws on document content.
 */
export function readStoredThemes(doc: Y.Doc, problems: string[]): Map<string, StoredTheme> {
  const entries = [...themesMap(doc).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const themes = new Map<string, StoredTheme>();
  for (const [id, value] of entries) {
    if (!themeIdSchema.safeParse(id).success) {
      problems.push(`theme ${JSON.stringify(id.slice(0, 80))} ignored: not a valid theme id`);
      continue;
    }
    if (!(value instanceof Y.Map)) {
      problems.push(`theme ${id} ignored: its value is not a map`);
      continue;
    }
    const parsed = storedThemeSchema.safeParse(value.toJSON());
    if (!parsed.success) {
      problems.push(`theme ${id} ignored: ${describeIssues(parsed.error)}`);
      continue;
    }
    themes.set(id, parsed.data);
  }
  return themes;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`)
    .join('; ');
}
