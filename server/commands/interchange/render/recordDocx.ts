import type { ReconciliationRecord } from '../../../../shared/reconcile';
import type { Paragraph, Table } from 'docx';
import { cell, heading, packDocument, paragraph, table } from './docx';
import { isoDate } from './exportFile';
import { coderLine, commentLine, decisionLine, JOURNALS_HEADING, journalEntryLine, journalsOf, NO_JOURNALS, resolutionLine, revealLine, transcriptHeading } from './recordRows';

/** The reconciliation record as a Word document: one table per transcript, a row per disagreement. */
export function recordDocx(r: ReconciliationRecord): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [heading(`Reconciliation record: ${r.study.title}`), paragraph(`Generated ${isoDate(r.generatedAt)}.`)];
  for (const t of r.transcripts) {
    children.push(heading(transcriptHeading(t), 2), paragraph(revealLine(t)));
    if (t.items.length === 0) {
      children.push(paragraph('No disagreements.', { italics: true }));
      continue;
    }
    children.push(
      table(
        ['Disagreement', 'Coders', 'Discussion', 'Resolution and rationale', 'Codebook decisions'],
        t.items.map((i) => [
          cell([`${i.theme}, ${i.lines} (${i.kind}, ${i.superseded ? 'superseded' : i.status})`, `“${i.quote}”`]),
          cell(i.coders.map(coderLine)),
          cell(i.comments.length ? i.comments.map(commentLine) : ['(no comments)']),
          cell(i.resolution ? [resolutionLine(i.resolution), `Rationale: ${i.resolution.rationale}`, ...i.history.map((x) => `earlier: ${resolutionLine(x)}. Rationale: ${x.rationale}`)] : ['(unresolved)']),
          cell(i.decisions.map(decisionLine)),
        ]),
      ),
    );
  }
  children.push(heading(JOURNALS_HEADING, 2));
  const journals = journalsOf(r);
  if (journals.length === 0) children.push(paragraph(NO_JOURNALS, { italics: true }));
  for (const j of journals) {
    children.push(heading(j.coder, 3));
    if (j.entries.length === 0) children.push(paragraph('(no entries)', { italics: true }));
    for (const e of j.entries) children.push(paragraph(journalEntryLine(e)));
  }
  return packDocument(`Reconciliation record: ${r.study.title}`, children);
}
