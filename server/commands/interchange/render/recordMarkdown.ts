import type { ReconciliationRecord } from '../../../../shared/reconcile';
import { isoDate } from './exportFile';
import { markdownText as one } from './markdownText';
import { coderLine, commentLine, decisionLine, JOURNALS_HEADING, journalEntryLine, journalsOf, NO_JOURNALS, resolutionLine, revealLine, transcriptHeading } from './recordRows';

/** The reconciliation record as Markdown: per transcript, per disagreement, the full story. */
export function recordMarkdown(r: ReconciliationRecord): string {
  const out = [`# Reconciliation record: ${one(r.study.title)}`, '', `Generated ${isoDate(r.generatedAt)}.`, ''];
  for (const t of r.transcripts) {
    out.push(`## ${one(transcriptHeading(t))}`, '', revealLine(t), '');
    for (const i of t.items) {
      out.push(`### ${one(i.theme)}, ${i.lines} (${i.kind}, ${i.status}${i.superseded ? ', superseded' : ''})`, '', `> ${one(i.quote)}`, '', `Key: \`${i.key}\``, '', '**Coders**', '');
      for (const c of i.coders) out.push(`- ${one(coderLine(c))}`);
      out.push('', '**Discussion**', '');
      if (i.comments.length === 0) out.push('- (no comments)');
      for (const c of i.comments) out.push(`- ${one(commentLine(c))}`);
      out.push('', '**Resolution**', '');
      if (i.resolution) out.push(`- ${one(resolutionLine(i.resolution))}`, `  Rationale: ${one(i.resolution.rationale)}`);
      else out.push('- (unresolved)');
      for (const h of i.history) out.push(`- earlier: ${one(resolutionLine(h))}. Rationale: ${one(h.rationale)}`);
      if (i.decisions.length) {
        out.push('', '**Codebook decisions**', '');
        for (const d of i.decisions) out.push(`- ${one(decisionLine(d))}`);
      }
      out.push('');
    }
  }
  out.push(`## ${JOURNALS_HEADING}`, '');
  const journals = journalsOf(r);
  if (journals.length === 0) out.push(NO_JOURNALS, '');
  for (const j of journals) {
    out.push(`### ${one(j.coder)}`, '');
    if (j.entries.length === 0) out.push('- (no entries)');
    for (const e of j.entries) out.push(`- ${one(journalEntryLine(e))}`);
    out.push('');
  }
  return out.join('\n');
}
