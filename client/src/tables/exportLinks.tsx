import { EXPORT_FORMATS } from '../../../shared/reconcile/exportFormats';

const LABEL: Record<string, string> = { json: 'JSON', md: 'Markdown', csv: 'CSV', html: 'HTML (print)', docx: 'Word (DOCX)' };

/**
 * Download links for one export route, one per format (the server renders each and names the
 * file); `query` carries the view shown on the screen (e.g. key quotes only) into every format.
 */
export function ExportLinks({ base, formats = EXPORT_FORMATS, label, query = '' }: { base: string; formats?: readonly string[]; label: string; query?: string }) {
  return (
    <nav className="export-links" aria-label={label}>
      <span className="muted small">{label}:</span>
      {formats.map((f) => (
        <a key={f} href={`${base}?format=${f}${query}`} download="">
          {LABEL[f] ?? f}
        </a>
      ))}
    </nav>
  );
}
