import type { ReconciliationRecord } from '../../../../shared/reconcile';
import { csvDocument } from '../../../../shared/csv';
import { coderLine, commentLine, decisionLine, journalsOf } from './recordRows';

const HEADER = ['transcript', 'participant', 'key', 'theme', 'kind', 'lines', 'quote', 'status', 'coders', 'comments', 'resolution', 'coder', 'resolved_theme', 'wrote', 'rationale', 'resolved_by', 'resolved_at', 'revision', 'earlier_revisions', 'decisions'];

/** One row per disagreement; threads and decisions joined with ` | ` inside their cells. */
export function recordCsv(r: ReconciliationRecord): string {
  const rows = r.transcripts.flatMap((t) =>
    t.items.map((i) => [
      t.title,
      t.participant,
      i.key,
      i.theme,
      i.kind,
      i.lines,
      i.quote,
      i.superseded ? 'superseded' : i.status,
      i.coders.map(coderLine).join(' | '),
      i.comments.map(commentLine).join(' | '),
      i.resolution?.kind ?? '',
      i.resolution?.coder ?? '',
      i.resolution?.theme ?? '',
      i.resolution?.wrote ?? '',
      i.resolution?.rationale ?? '',
      i.resolution?.by ?? '',
      i.resolution ? new Date(i.resolution.at).toISOString() : '',
      i.resolution?.revision ?? '',
      i.history.map((h) => `rev. ${h.revision} ${h.kind}: ${h.rationale}`).join(' | '),
      i.decisions.map(decisionLine).join(' | '),
    ]),
  );
  // Journal entries follow the disagreements, one row each: kind `journal`, the coder in
  // `coder`, the entry in `wrote`, its time in `resolved_at` (docs/reconciliation.md).
  const journal = journalsOf(r).flatMap((j) =>
    j.entries.map((e) => HEADER.map((col) => (col === 'kind' ? 'journal' : col === 'coder' ? j.coder : col === 'wrote' ? e.text : col === 'resolved_at' ? new Date(e.at).toISOString() : ''))),
  );
  return csvDocument(HEADER, [...rows, ...journal]);
}
