/**
 * `presence`: some coders have no coding at all there; `category`: a coder without the theme coded
 * the span with another theme; `boundary`: every coder has the theme there, with different extents.
 * In a file of its own so that the schemas naming the kinds (shared/reconcile) do not load the
 * agreement computations with them (the server loads those on first use: idle memory, issue 19).
 */
export const DISAGREEMENT_KINDS = ['presence', 'category', 'boundary'] as const;
export type DisagreementKind = (typeof DISAGREEMENT_KINDS)[number];
