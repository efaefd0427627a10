export { CODEBOOK_MAPS, META_LEVELS_KEY, ThemeField, metaMap, themeEntry, themesMap } from './codebookDoc';
export { codebookChanges, type ChangedTypes } from './codebookChanges';
export { ThemeModelError, ThemeModelErrorCode } from './ThemeModelError';
export { isOrderKey, keyBetween, keysBetween, MAX_ORDER_KEY_LENGTH } from './orderKey';
export {
  levelsSchema,
  lifecycleSchema,
  positionSchema,
  storedThemeSchema,
  themeColorSchema,
  themeIdSchema,
  themeLabelSchema,
  THEME_LIMITS,
  THEME_STATUSES,
  type Levels,
  type Lifecycle,
  type Position,
  type StoredTheme,
  type ThemeStatus,
} from './storedTheme';
export type { Theme, ThemeTree } from './ThemeTree';
export { DEFAULT_LEVELS, levelNameOf } from './readLevels';
export { readThemeTree, type CodebookOverlay } from './readThemeTree';
export { addTheme, THEME_PALETTE, type AddThemeInput } from './addTheme';
export { describeTheme, recolourTheme, renameTheme } from './editTheme';
export { moveTheme, type MoveThemeInput } from './moveTheme';
export { retireTheme } from './retireTheme';
export { mergeTheme } from './mergeTheme';
export { finaliseTheme } from './finaliseTheme';
export { setLevels } from './setLevels';
export { malformedCases } from './malformedCases';
