import type { Decision } from './types';

/** A codebook decision in words, for the item and the auditor's log. */
export function describeDecision(d: Decision, labelOf: (themeId: string) => string): string {
  const theme = labelOf(d.themeId);
  switch (d.op) {
    case 'rename':
      return `renamed to “${d.label ?? theme}”`;
    case 'redefine':
      return `redefined ${theme}`;
    case 'merge':
      return `merged ${theme} into ${d.into ? labelOf(d.into) : 'another theme'}`;
    case 'split':
      return `split ${d.codingIds?.length ?? 0} coding${d.codingIds?.length === 1 ? '' : 's'} of ${theme} into “${d.label ?? (d.newThemeId ? labelOf(d.newThemeId) : 'a new theme')}”`;
    case 'retire':
      return `retired ${theme}`;
  }
}
