import { z } from 'zod';
import { type ThemeTree, ThemeModelError, themeDescriptionSchema, themeIdSchema, themeLabelSchema } from '../themes';
import { CODEBOOK_MAP_LIMITS } from './codebookMap';

/** Request body of `POST /api/studies/:sid/codebook/decisions` (docs/reconciliation.md), shared with the client. */
const rationale = z.string().trim().min(1, 'a rationale is required').max(CODEBOOK_MAP_LIMITS.rationaleLength);
/** Where a new shared theme goes: under a shared theme (null: the top level), after a sibling (omitted: last). */
const place = { parentId: themeIdSchema.nullable().default(null), afterId: themeIdSchema.nullable().optional() };

export const CodebookDecisionBody = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('map'), themeId: themeIdSchema, into: themeIdSchema, rationale }),
  z.strictObject({
    op: z.literal('merge'),
    themeIds: z.array(themeIdSchema).min(2, 'a merge brings together at least two themes').max(CODEBOOK_MAP_LIMITS.mergeSources),
    label: themeLabelSchema,
    description: themeDescriptionSchema.optional(),
    ...place,
    rationale,
  }),
  z.strictObject({ op: z.literal('promote'), themeId: themeIdSchema, ...place, rationale }),
  z.strictObject({ op: z.literal('exclude'), themeId: themeIdSchema, rationale }),
]);
export type CodebookDecisionRequest = z.infer<typeof CodebookDecisionBody>;

/** The private themes a request decides. */
export const decidedThemes = (req: CodebookDecisionRequest): readonly string[] => (req.op === 'merge' ? req.themeIds : [req.themeId]);

/**
 * Checks a decision against the study's theme tree as it reads with the current decisions
 * (every codebook, the server's view). Throws ThemeModelError (the error mapper turns its code
 * into 400/404/409 with `details.rule`) before anything is written:
 * - every decided theme must exist and be a coder's private theme;
 * - a theme is never merged into itself (`map` onto itself, or listed twice in a `merge`);
 * - `map` needs an existing target that counts for something (not excluded, not retired without a
 *   merge), and refuses a target whose merges lead back to the theme, or one of its own
 *   sub-themes (`cycle`);
 * - `merge` and `promote` place the new shared theme under a live shared theme (or the top level),
 *   never under one of the themes it takes in (`cycle`).
 */
export function checkCodebookDecision(tree: ThemeTree, req: CodebookDecisionRequest): void {
  const seen = new Set<string>();
  for (const id of decidedThemes(req)) {
    if (seen.has(id)) throw new ThemeModelError('merge_into_self', `theme ${id} is listed twice: a theme cannot be merged into itself`);
    seen.add(id);
    const theme = tree.byId.get(id);
    if (!theme) throw new ThemeModelError('theme_not_found', `theme ${id} not found`);
    if (theme.owner === null) throw new ThemeModelError('invalid_input', `"${theme.label}" is in the shared codebook: only coders' private themes are reconciled`);
  }
  if (req.op === 'map') checkTarget(tree, req.themeId, req.into);
  if (req.op === 'merge' || req.op === 'promote') checkParent(tree, seen, req.parentId);
}

function checkTarget(tree: ThemeTree, themeId: string, into: string): void {
  if (into === themeId) throw new ThemeModelError('merge_into_self', 'a theme cannot be mapped onto itself');
  const target = tree.byId.get(into);
  if (!target) throw new ThemeModelError('target_not_found', `theme ${into} not found`);
  if (target.excluded) throw new ThemeModelError('target_retired', `"${target.label}" is kept out of the consensus`);
  if (target.status === 'retired' && target.mergedInto === null) throw new ThemeModelError('target_retired', `"${target.label}" is retired`);
  if (target.path.includes(themeId)) throw new ThemeModelError('cycle', `"${target.label}" is a sub-theme of the theme being mapped: mapping onto it would make a cycle`);
  for (let at: string | null = into; at !== null; at = tree.byId.get(at)?.mergedInto ?? null) {
    if (at === themeId) throw new ThemeModelError('cycle', `"${target.label}" already counts as the theme being mapped: mapping onto it would make a cycle`);
  }
}

function checkParent(tree: ThemeTree, sources: ReadonlySet<string>, parentId: string | null): void {
  if (parentId === null) return;
  if (sources.has(parentId)) throw new ThemeModelError('cycle', 'the new theme cannot sit under a theme it takes in');
  const parent = tree.byId.get(parentId);
  if (!parent) throw new ThemeModelError('parent_not_found', `theme ${parentId} not found`);
  if (parent.owner !== null) throw new ThemeModelError('invalid_input', `"${parent.label}" is a private theme: a shared theme sits under a shared theme`);
  if (parent.status === 'retired') throw new ThemeModelError('parent_retired', `"${parent.label}" is retired`);
}
