import { EXPORT_FORMATS } from '../../../shared/reconcile';

const LABEL: Record<string, string> = { json: 'JSON', md: 'Markdown', csv: 'CSV', html: 'HTML (print)', docx: 'Word (DOCX)' };

/** Download links for one export route, one per format (the server renders each and names the file). */
export function ExportLinks({ base, formats = EXPORT_FORMATS, label }: { base: string; formats?: readonly string[]; label: string }) {
  return (
    <nav className="export-links" aria-label={label}>
      <span className="muted small">{label}:</span>
      {formats.map((f) => (
        <a key={f} href={`${base}?format=${f}`} download="">
          {LABEL[f] ?? f}
        </a>
      ))}
    </nav>
  );
}
