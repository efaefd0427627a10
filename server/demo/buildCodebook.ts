import type * as Y from 'yjs';
import { addTheme, setLevels } from '../../shared/themes';
import { DEMO_CODEBOOK, DEMO_LEVELS } from './content/codebook';
import type { DemoTheme } from './content/types';

/** Every theme key of the demo codebook, for checking the content before anything is written. */
export function demoThemeKeys(themes: readonly DemoTheme[] = DEMO_CODEBOOK): Set<string> {
  const keys = new Set<string>();
  const visit = (t: DemoTheme) => {
    if (keys.has(t.key)) throw new Error(`demo theme key ${t.key} is used twice`);
    keys.add(t.key);
    t.children?.forEach(visit);
  };
  themes.forEach(visit);
  return keys;
}

/**
 * Writes the demo hierarchy into a codebook Y.Doc through the theme model and returns theme key ->
 * generated theme id. The levels go first: the default levels (IPA 2022) allow three, and the
 * sub-themes sit at depth four.
 */
export function buildCodebook(doc: Y.Doc, createdBy: string, now: number): Map<string, string> {
  setLevels(doc, DEMO_LEVELS);
  const ids = new Map<string, string>();
  const add = (theme: DemoTheme, parentId: string | null) => {
    const id = addTheme(doc, { label: theme.label, description: theme.description, color: theme.color, parentId, createdBy, createdAt: now });
    ids.set(theme.key, id);
    theme.children?.forEach((child) => add(child, id));
  };
  DEMO_CODEBOOK.forEach((theme) => add(theme, null));
  return ids;
}
