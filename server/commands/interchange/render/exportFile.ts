/** A rendered export: what the HTTP door sends as a download (http/download.ts), the CLI writes. */
export interface ExportFile<B extends string | Uint8Array = string | Uint8Array> {
  body: B;
  contentType: string;
  fileName: string;
}

export const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml',
  zip: 'application/zip',
} as const;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
