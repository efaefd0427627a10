export { CODEBOOK_MAPS, META_LEVELS_KEY, ThemeField, metaMap, themeEntry, themesMap } from './codebookDoc';
export { codebookChanges, type ChangedTypes } from './codebookChanges';
export { type CodebookEdit, editsFromDocs } from './codebookEdits';
export { predictCodebookEdits } from './predictCodebookEdits';
export { ThemeModelError, ThemeModelErrorCode } from './ThemeModelError';
export { isOrderKey, keyBetween, keysBetween, MAX_ORDER_KEY_LENGTH } from './orderKey';
export {
  levelsSchema,
  lifecycleSchema,
  positionSchema,
  storedThemeSchema,
  themeColorSchema,
  themeDescriptionSchema,
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
export { readThemeTree, type CodebookMapping, type CodebookOverlay } from './readThemeTree';
export { addTheme, THEME_PALETTE, type AddThemeInput } from './addTheme';
export { describeTheme, recolourTheme, renameTheme } from './editTheme';
export { moveTheme, type MoveThemeInput } from './moveTheme';
export { retireTheme } from './retireTheme';
export { mergeTheme } from './mergeTheme';
export { finaliseTheme } from './finaliseTheme';
export { setLevels } from './setLevels';
export { malformedCases } from './malformedCases';
export {
  applyThemeChange,
  codebookChangeOf,
  describeThemeChange,
  PROPOSAL_STATUSES,
  PROPOSALS_SIGNAL_MAP,
  ThemeChangeSchema,
  type ProposalStatus,
  type ThemeChange,
  type ThemeChangeKind,
  type ThemeProposal,
} from './themeChange';
