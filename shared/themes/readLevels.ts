import type * as Y from 'yjs';
import { levelNames } from '../domain';
import { META_LEVELS_KEY, metaMap } from './codebookDoc';
import { levelsSchema, type Levels } from './storedTheme';
import { describeIssues } from './readStoredThemes';

/**
 * Used until a lead sets the study's levels: the IPA 2022 terminology, whose three levels (group
 * experiential theme > personal experiential theme > experiential statement) are today's default.
 */
export const DEFAULT_LEVELS: Levels = (() => {
  const names = [...levelNames({ kind: '2022' })];
  return { names, maxDepth: names.length };
})();

/** The study's level names and maximum depth; the default when unset or malformed (reported). */
export function readLevels(doc: Y.Doc, problems: string[]): Levels {
  const raw = metaMap(doc).get(META_LEVELS_KEY);
  if (raw === undefined) return DEFAULT_LEVELS;
  const parsed = levelsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problems.push(`levels ignored, defaults used: ${describeIssues(parsed.error)}`);
  return DEFAULT_LEVELS;
}

/** The name of a depth (1 = top level); depths beyond the named levels get a numbered name. */
export function levelNameOf(levels: Levels, depth: number): string {
  return levels.names[depth - 1] ?? `Level ${depth}`;
}
