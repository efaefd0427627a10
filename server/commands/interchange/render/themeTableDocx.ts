import { type CaseTable, KEY_QUOTE_MARK, type NoteEvidence, type ThemeTable, noteLabel, cellWithoutExtracts, evidenceByTheme, themeHeading, viewNote } from '../../../../shared/reconcile';
import { cell, heading, packDocument, paragraph, table } from './docx';
import { isoDate } from './exportFile';

/** Exploratory notes as indented paragraphs under the evidence they sit beside. */
const notesOf = (e: { notes: readonly NoteEvidence[] }) => e.notes.map((n) => paragraph(`${noteLabel(n)}, ${n.lineLabel}: ${n.text}`, { indent: 1 }));

/** The table of themes as a Word document: the grid as a real table, then the extracts. */
export function themeTableDocx(title: string, t: ThemeTable, generatedAt: number): Promise<Uint8Array> {
  const grid = table(
    ['Level', themeHeading(t.levels, t.rows), ...t.participants.map((p) => p.pseudonym), 'Recurrence'],
    t.rows.map((r) => [
      cell(r.levelName),
      cell(r.label, { bold: r.depth === 1, indent: r.depth - 1 }),
      ...r.cells.map((c) => cell(c.count ? [String(c.count), ...c.extracts.map((e) => e.citation)] : [cellWithoutExtracts(c)].filter(Boolean))),
      cell(`${r.recurrence.present}/${r.recurrence.of}${r.recurrence.pending ? ` (${r.recurrence.pending} pending)` : ''}${r.recurrence.recurrent ? '' : ' (short)'}`),
    ]),
  );
  const mark = (e: { key: boolean }) => (e.key ? ` (${KEY_QUOTE_MARK})` : '');
  const extracts = evidenceByTheme(t).flatMap(({ row: r, extracts: quoted, statements }) => [
    heading(`${r.label} (${r.levelName})`, 3),
    ...quoted.flatMap((e) => [paragraph(`“${e.quote}” (${e.citation})${mark(e)}`, { italics: true }), ...notesOf(e)]),
    ...(statements.length ? [paragraph('Experiential statements:'), ...statements.flatMap((st) => [paragraph(`${st.text} (${st.citation})${mark(st)}`), ...notesOf(st)])] : []),
  ]);
  const note = viewNote(t.view);
  return packDocument(`Table of themes: ${title}`, [
    heading(`Table of themes: ${title}`),
    paragraph(`Generated ${isoDate(generatedAt)} from the consensus layers.${t.provisional ? ' Provisional: some transcripts are not final.' : ''} Recurrence rule: ${t.rule.description} (${t.rule.required} of ${t.rule.of}).${note ? ` ${note}` : ''}`),
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
      ['Level', themeHeading(t.levels, t.rows), 'Codings', 'Extracts'],
      t.rows.map((r) => [cell(r.levelName), cell(r.label, { indent: r.depth - 1 }), cell(String(r.cell.count)), cell(r.cell.extracts.map((e) => `“${e.quote}” (${e.lineLabel})`))]),
    ),
  ]);
}
