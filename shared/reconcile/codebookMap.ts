import * as Y from 'yjs';
import { z } from 'zod';
import { type CodebookMapping, type ThemeTree, themeIdSchema } from '../themes';

/**
 * The lead's codebook reconciliation (issue 15 item 2), document `studies/<sid>/codebookMap`,
 * written by the server only (REST commands through withDoc), read by every member once the
 * themes are revealed and by auditors always. One Y.Map `decisions`: private theme id -> the
 * current decision, with the earlier ones in `history` (oldest first), so every revision stays.
 */
export const CODEBOOK_MAP_DECISIONS = 'decisions';

/**
 * `map`: the theme counts as an existing theme (shared, or another private one); `merge`: several
 * private themes count as one new shared theme; `promote`: the theme enters the shared codebook as
 * it is (a new shared theme with its label, description and colour, at a chosen place); `exclude`:
 * kept out of the consensus (its codings count for nothing in agreement and the table of themes).
 */
export const CODEBOOK_DECISION_OPS = ['map', 'merge', 'promote', 'exclude'] as const;
export type CodebookDecisionOp = (typeof CODEBOOK_DECISION_OPS)[number];

export const CODEBOOK_MAP_LIMITS = { rationaleLength: 5_000, nameLength: 200, mergeSources: 50 } as const;

const revisionSchema = z.object({
  op: z.enum(CODEBOOK_DECISION_OPS),
  /** The theme the private theme now counts as; null for `exclude`. */
  target: themeIdSchema.nullable(),
  revision: z.number().int().positive(),
  rationale: z.string().max(CODEBOOK_MAP_LIMITS.rationaleLength),
  by: z.string().min(1).max(64),
  byName: z.string().max(CODEBOOK_MAP_LIMITS.nameLength),
  at: z.number().int().nonnegative(),
});
export type CodebookDecisionRevision = z.infer<typeof revisionSchema>;

export const codebookDecisionSchema = revisionSchema.extend({
  themeId: themeIdSchema,
  /** The coder whose private codebook holds the theme. */
  owner: z.string().min(1).max(64),
  /** Earlier decisions on this theme, oldest first. */
  history: z.array(revisionSchema),
});
export type CodebookDecision = z.infer<typeof codebookDecisionSchema>;

/** Every valid decision, by theme id; a malformed value is skipped and reported, never thrown. */
export function readCodebookMap(doc: Y.Doc): { decisions: Map<string, CodebookDecision>; problems: string[] } {
  const decisions = new Map<string, CodebookDecision>();
  const problems: string[] = [];
  const entries = [...doc.getMap<unknown>(CODEBOOK_MAP_DECISIONS).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of entries) {
    const parsed = codebookDecisionSchema.safeParse(value instanceof Y.AbstractType ? null : value);
    if (!parsed.success || parsed.data.themeId !== key) problems.push(`codebook decision ${JSON.stringify(key.slice(0, 80))} ignored`);
    else decisions.set(key, parsed.data);
  }
  return { decisions, problems };
}

/** The decisions as the theme tree reads them (readThemeTree's third argument). */
export function mappingOf(decisions: ReadonlyMap<string, CodebookDecision>): CodebookMapping {
  return new Map([...decisions].map(([id, d]) => [id, d.target]));
}

/**
 * Records a decision on a private theme; the current one, if any, moves into the history. The
 * caller (the server, in one transaction for a merge of several themes) has validated it.
 */
export function putCodebookDecision(doc: Y.Doc, next: Omit<CodebookDecision, 'history' | 'revision'>): CodebookDecision {
  const map = doc.getMap<unknown>(CODEBOOK_MAP_DECISIONS);
  const current = codebookDecisionSchema.safeParse(map.get(next.themeId));
  const history = current.success ? [...current.data.history, withoutHistory(current.data)] : [];
  const decision: CodebookDecision = { ...next, revision: history.length + 1, history };
  map.set(next.themeId, decision);
  return decision;
}

function withoutHistory(d: CodebookDecision): CodebookDecisionRevision {
  return { op: d.op, target: d.target, revision: d.revision, rationale: d.rationale, by: d.by, byName: d.byName, at: d.at };
}

/**
 * Where the codebook reconciliation stands for a tree read with the decisions: the private
 * themes that still count as themselves (unmapped: agreement counts their codings as a category
 * of their own, so against any other coder's theme they are category disagreements) and those
 * kept out of the consensus. Null when the tree holds no private theme.
 */
export function codebookStatus(tree: ThemeTree): { unmapped: number; excluded: number; unmappedThemes: Array<{ id: string; label: string; owner: string }> } | null {
  const privates = tree.themes.filter((t) => t.owner !== null);
  if (privates.length === 0) return null;
  const unmapped = privates.filter((t) => t.status !== 'retired');
  return {
    unmapped: unmapped.length,
    excluded: privates.filter((t) => t.excluded).length,
    unmappedThemes: unmapped.map((t) => ({ id: t.id, label: t.label, owner: t.owner! })),
  };
}
