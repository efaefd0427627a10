/**
 * Why a theme operation was refused. Each code names one rule of the theme model, so the server's
 * one error handler can map it (most are 409 conflict or 400 validation_failed) and the client can
 * explain it without parsing messages.
 */
export const ThemeModelErrorCode = {
  InvalidInput: 'invalid_input',
  ThemeExists: 'theme_exists',
  ThemeNotFound: 'theme_not_found',
  ParentNotFound: 'parent_not_found',
  ParentRetired: 'parent_retired',
  SiblingNotFound: 'sibling_not_found',
  Cycle: 'cycle',
  DepthExceeded: 'depth_exceeded',
  ThemeRetired: 'theme_retired',
  ThemeFinal: 'theme_final',
  HasActiveChildren: 'has_active_children',
  MergeIntoSelf: 'merge_into_self',
  MergeIntoDescendant: 'merge_into_descendant',
  TargetNotFound: 'target_not_found',
  TargetRetired: 'target_retired',
} as const;
export type ThemeModelErrorCode = (typeof ThemeModelErrorCode)[keyof typeof ThemeModelErrorCode];

/** Thrown by the theme operations before they write anything: a refused operation changes nothing. */
export class ThemeModelError extends Error {
  override readonly name = 'ThemeModelError';

  constructor(
    readonly code: ThemeModelErrorCode,
    message: string,
  ) {
    super(message);
  }
}
