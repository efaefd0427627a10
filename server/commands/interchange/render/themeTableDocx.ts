import type { CaseTable, ThemeTable } from '../../../../shared/reconcile';
import { cell, heading, packDocument, paragraph, table } from './docx';
import { isoDate } from './exportFile';

/** The table of themes as a Word document: the grid as a real table, then the extracts. */
export function themeTableDocx(title: string, t: ThemeTable, generatedAt: number): Promise<Uint8Array> {
  const grid = table(
    ['Level', 'Theme', ...t.participants.map((p) => p.pseudonym), 'Recurrence'],
    t.rows.map((r) => [
      cell(r.levelName),
      cell(r.label, { bold: r.depth === 1, indent: r.depth - 1 }),
      ...r.cells.map((c) => cell(c.count ? [String(c.count), ...c.extracts.map((e) => e.citation)] : c.total ? [`(${c.total} below)`] : [])),
      cell(`${r.recurrence.present}/${r.recurrence.of}${r.recurrence.pending ? ` (${r.recurrence.pending} pending)` : ''}${r.recurrence.recurrent ? '' : ' (short)'}`),
    ]),
  );
  const extracts = t.rows.filter((r) => r.count > 0).flatMap((r) => [heading(`${r.label} (${r.levelName})`, 3), ...r.cells.flatMap((c) => c.extracts.map((e) => paragraph(`“${e.quote}” (${e.citation})`, { italics: true })))]);
  return packDocument(`Table of themes: ${title}`, [
    heading(`Table of themes: ${title}`),
    paragraph(`Generated ${isoDate(generatedAt)} from the consensus layers.${t.provisional ? ' Provisional: some transcripts are not final.' : ''} Recurrence rule: ${t.rule.description} (${t.rule.required} of ${t.rule.of}).`),
    grid,
    heading('Extracts', 2),
    ...extracts,
  ]);
}

export function caseTableDocx(title: string, t: CaseTable, generatedAt: number): Promise<Uint8Array> {
  return packDocument(`Personal themes of ${t.participant.pseudonym}`, [
    heading(`Personal themes of ${t.participant.pseudonym}: ${title}`),
    paragraph(`Generated ${isoDate(generatedAt)} from the consensus layers.${t.provisional ? ' Provisional.' : ''}`),
    table(
      ['Level', 'Theme', 'Codings', 'Extracts'],
      t.rows.map((r) => [cell(r.levelName), cell(r.label, { indent: r.depth - 1 }), cell(String(r.cell.count)), cell(r.cell.extracts.map((e) => `“${e.quote}” (${e.lineLabel})`))]),
    ),
  ]);
}
