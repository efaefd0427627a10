/**
 * The formats every export route takes (`?format=`). A module of its own, without zod: the
 * browser's pages that only link the exports (client/src/tables) import it without evaluating the
 * request schemas (about 70 ms of the table of themes' main thread at load 8, docs/benchmarks.md).
 */
export const EXPORT_FORMATS = ['json', 'md', 'csv', 'html', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
