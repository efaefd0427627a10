import { type Levels, levelNameOf } from '../themes';

/**
 * Which levels of the study's terminology the clustering boards write (docs/theme-model.md):
 * group experiential themes (GETs) are the top level; personal experiential themes (PETs) sit at
 * `petDepth`, the first level below the top whose name says personal (IPA 2022) or superordinate
 * (IPA 2009, where the case's superordinate themes are its PETs), else the second level. The
 * levels between are the GETs' sub-themes; the level below the PETs, when the study has one,
 * their sub-themes.
 */
export interface BoardTerms {
  getDepth: 1;
  petDepth: number;
  get: string;
  pet: string;
  /** The name of a GET's sub-theme level; null when the PETs sit right under the GETs. */
  getSub: string | null;
  /** The name of a PET's sub-theme level; null when the PETs are the deepest level. */
  petSub: string | null;
}

const PERSONAL = /personal|superordinate|\bPETs?\b/i;

export function boardTerms(levels: Levels): BoardTerms {
  const { names, maxDepth } = levels;
  const named = names.findIndex((n, i) => i > 0 && i < maxDepth && PERSONAL.test(n));
  const petDepth = named > 0 ? named + 1 : Math.min(2, maxDepth);
  // One source of truth for a depth's name: the theme tree's (every theme's `levelName`).
  const nameAt = (depth: number) => levelNameOf(levels, depth);
  return {
    getDepth: 1,
    petDepth,
    get: nameAt(1),
    pet: nameAt(petDepth),
    getSub: petDepth > 2 ? nameAt(2) : null,
    petSub: petDepth < maxDepth ? nameAt(petDepth + 1) : null,
  };
}
