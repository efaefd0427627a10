import { THEME_LIMITS } from '../themes/storedTheme';
import { guidFor } from './guid';
import type { PlannedTheme, SkippedItem } from './importPlan';
import { elementLabel } from './where';
import type { RefiCode } from './project';

/** Level names for deep hierarchies: DESIGN.md's four-level IPA example, then numbered levels. */
const FOUR_LEVELS = ['Area', 'Superordinate theme', 'Theme', 'Sub-theme'];

export interface PlannedThemes {
  readonly themes: PlannedTheme[];
  /** REFI code GUID -> theme id. */
  readonly idOf: Map<string, string>;
  readonly levels: string[] | null;
}

/** A one-line label within the theme model's limits. */
export function themeLabel(name: string): string {
  const flat = name.replace(/\s+/g, ' ').trim() || 'Untitled code';
  return flat.length > THEME_LIMITS.labelLength ? `${flat.slice(0, THEME_LIMITS.labelLength - 1).trimEnd()}…` : flat;
}

export function themeColor(color: string | null): string | null {
  if (!color) return null;
  const c = color.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c.toLowerCase();
  if (/^#[0-9a-fA-F]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`.toLowerCase();
  return null;
}

/**
 * Codes become themes with the same hierarchy; the code's GUID becomes the theme id. Concord
 * codes every level (isCodable is not a Concord notion), and its theme model allows at most
 * THEME_LIMITS.maxLevels levels: deeper codes are attached to their ancestor at the deepest level
 * and reported.
 */
export function planThemes(codes: readonly RefiCode[], skipped: SkippedItem[], warnings: string[]): PlannedThemes {
  const idOf = new Map<string, string>();
  const depthOf = new Map<string, number>();
  const themes: PlannedTheme[] = [];
  let deepest = 0;
  for (const c of codes) {
    if (idOf.has(c.guid)) {
      skipped.push({ kind: 'code', name: c.name, reason: `a second code with the GUID ${c.guid}` });
      continue;
    }
    let parentId = c.parentGuid === null ? null : (idOf.get(c.parentGuid) ?? null);
    let depth = parentId === null ? 1 : (depthOf.get(parentId) ?? 0) + 1;
    if (depth > THEME_LIMITS.maxLevels) {
      while (parentId !== null && (depthOf.get(parentId) ?? 0) >= THEME_LIMITS.maxLevels) parentId = themes.find((t) => t.id === parentId)?.parentId ?? null;
      depth = (parentId === null ? 0 : (depthOf.get(parentId) ?? 0)) + 1;
      warnings.push(`${elementLabel('Code', { name: c.name, guid: c.guid })}: deeper than ${THEME_LIMITS.maxLevels} levels; placed at level ${depth}`);
    }
    const id = guidFor('code', c.guid);
    idOf.set(c.guid, id);
    depthOf.set(id, depth);
    deepest = Math.max(deepest, depth);
    let description = c.description;
    if (description.length > THEME_LIMITS.descriptionLength) {
      description = description.slice(0, THEME_LIMITS.descriptionLength);
      warnings.push(`${elementLabel('Code', { name: c.name, guid: c.guid })} <Description>: shortened to ${THEME_LIMITS.descriptionLength} characters`);
    }
    themes.push({ id, label: themeLabel(c.name), parentId, description, color: themeColor(c.color) });
  }
  const levels = deepest <= 3 ? null : Array.from({ length: deepest }, (_, i) => (deepest === 4 ? FOUR_LEVELS[i] : undefined) ?? `Level ${i + 1}`);
  return { themes, idOf, levels };
}
