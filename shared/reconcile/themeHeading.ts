/**
 * The heading of the column of themes in the study's terminology: the level names the rows use,
 * from the top down ("Group experiential theme > Personal experiential theme"; the seed's
 * "Key area > Superordinate theme > Theme > Sub-theme"), never a hard-coded "Theme".
 */
export function themeHeading(levels: readonly string[], rows: readonly { readonly depth: number }[]): string {
  const deepest = Math.max(1, ...rows.map((r) => r.depth));
  return levels.slice(0, deepest).join(' > ') || 'Theme';
}
