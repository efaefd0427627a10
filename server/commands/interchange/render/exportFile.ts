/** A rendered export: what the HTTP door sends as a download. */
export interface ExportFile {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
}

export const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
} as const;

/** A file name from a title: letters, digits and dashes only, so no header can be injected. */
export function fileStem(title: string): string {
  const stem = title.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).toLowerCase();
  return stem || 'export';
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
