import type * as Y from 'yjs';
import { META_LEVELS_KEY, metaMap } from './codebookDoc';
import { readThemeTree } from './readThemeTree';
import { levelsSchema, type Levels } from './storedTheme';
import { parseInput, requireDepth } from './themeOpSupport';

/**
 * Sets the study's level names (top level first) and maximum depth, which defaults to one level
 * per name. Names and depth are one value, so concurrent changes never mix one lead's names with
 * another's depth. Lowering the depth below the current tree is refused; a concurrent move that
 * still ends deeper is lifted by the read rule.
 */
export function setLevels(doc: Y.Doc, names: readonly string[], maxDepth: number = names.length): void {
  const levels: Levels = parseInput(levelsSchema, { names, maxDepth });
  const tree = readThemeTree(doc);
  const deepest = tree.themes.reduce((d, t) => Math.max(d, t.depth), 0);
  requireDepth(deepest, { ...tree, levels }, 'the current tree');
  doc.transact(() => metaMap(doc).set(META_LEVELS_KEY, levels));
}
