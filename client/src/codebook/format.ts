import type { CodebookSuggestionRow, PrivateThemeRow } from '../../../shared/reconcile/codebookReconcileTypes';

/** Two decimals, as every figure of the suggestions is printed (the underlying counts beside it). */
export const fixed2 = (x: number) => x.toFixed(2);

/** "2 of 3 lines shared (Jaccard 0.67)": the number and the counts it is computed from. */
export function overlapText(m: CodebookSuggestionRow): string {
  const { shared, union, jaccard } = m.overlap;
  if (union === 0) return 'no coded lines';
  return `${shared} of ${union} line${union === 1 ? '' : 's'} shared (Jaccard ${fixed2(jaccard)})`;
}

const OP_TEXT = { map: 'Mapped onto', merge: 'Merged into', promote: 'Promoted as', exclude: 'Excluded from the consensus' } as const;

/** The current decision in words, e.g. "Merged into Shame in rupture". */
export function decisionText(t: PrivateThemeRow, labelOf: (id: string) => string): string {
  const d = t.decision;
  if (!d) return 'Undecided: counted as its own theme (a disagreement with any other coder’s theme)';
  if (d.op === 'exclude') return OP_TEXT.exclude;
  const target = t.countsAs?.label ?? (d.target ? labelOf(d.target) : '');
  return `${OP_TEXT[d.op]} “${target}”`;
}

export const ownerName = (owner: string | null, names: ReadonlyMap<string, string>) => (owner === null ? 'shared' : (names.get(owner) ?? 'a coder'));

/** "1 coding", "3 lines"; a dash when the count is not given to the caller yet. */
export const count = (n: number | null, noun: string) => (n === null ? `– ${noun}s` : `${n} ${noun}${n === 1 ? '' : 's'}`);
