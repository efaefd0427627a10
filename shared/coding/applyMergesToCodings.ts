import type { Coding, Statement } from './layerRecords';

/**
 * Codings as they count after theme merges: each `themeId` replaced by `resolve(themeId)` (the
 * theme tree's resolve). The stored codings keep the original theme, so a merge stays auditable
 * and the layer doc, which only its coder may write, never needs rewriting by a lead.
 */
export function applyMergesToCodings<T extends Pick<Coding, 'themeId'>>(codings: readonly T[], resolve: (themeId: string) => string): T[] {
  return codings.map((coding) => {
    const themeId = resolve(coding.themeId);
    return themeId === coding.themeId ? coding : { ...coding, themeId };
  });
}

/** Statements with their linked themes resolved the same way (duplicates after merging dropped). */
export function applyMergesToStatements<T extends Pick<Statement, 'themeIds'>>(statements: readonly T[], resolve: (themeId: string) => string): T[] {
  return statements.map((statement) => {
    const themeIds = [...new Set(statement.themeIds.map(resolve))];
    const same = themeIds.length === statement.themeIds.length && themeIds.every((id, i) => id === statement.themeIds[i]);
    return same ? statement : { ...statement, themeIds };
  });
}
