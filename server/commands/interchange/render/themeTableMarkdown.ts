import { type CaseTable, KEY_QUOTE_MARK, type NoteEvidence, type ThemeTable, noteLabel, cellWithoutExtracts, evidenceByTheme, themeHeading, viewNote } from '../../../../shared/reconcile';
import { isoDate } from './exportFile';
import { markdownCell as md } from './markdownText';

const indent = (depth: number) => '\u2003'.repeat(Math.max(0, depth - 1));

/** Exploratory notes as sub-items of the evidence they sit beside. */
const notesOf = (e: { notes: readonly NoteEvidence[] }) => e.notes.map((n) => `  - ${noteLabel(n)}, ${md(n.lineLabel)}: ${md(n.text)}`);

/** The table of themes as Markdown: the grid of citations, then every extract under its theme. */
export function themeTableMarkdown(title: string, table: ThemeTable, generatedAt: number): string {
  const note = viewNote(table.view);
  const out = [`# Table of themes: ${md(title)}`, '', `Generated ${isoDate(generatedAt)} from the consensus layers.${table.provisional ? ' Provisional: some transcripts are not final.' : ''}`, `Recurrence rule: ${table.rule.description} (${table.rule.required} of ${table.rule.of}).`, ...(note ? [note] : []), ''];
  const head = ['Level', md(themeHeading(table.levels, table.rows)), ...table.participants.map((p) => md(p.pseudonym)), 'Recurrence'];
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
  for (const r of table.rows) {
    // With key quotes only a cell may count extracts and cite none of them.
    const cells = r.cells.map((c) => (c.count ? (c.extracts.length ? `${c.count}: ${c.extracts.map((e) => e.citation).join('; ')}` : `${c.count}`) : cellWithoutExtracts(c)));
    const rec = `${r.recurrence.present}/${r.recurrence.of}${r.recurrence.pending ? ` (${r.recurrence.pending} pending)` : ''}${r.recurrence.recurrent ? '' : ' (short)'}`;
    out.push(`| ${md(r.levelName)} | ${indent(r.depth)}${md(r.label)} | ${cells.map(md).join(' | ')} | ${rec} |`);
  }
  out.push('', '## Extracts', '');
  const mark = (e: { key: boolean }) => (e.key ? ` (${KEY_QUOTE_MARK})` : '');
  for (const { row: r, extracts, statements } of evidenceByTheme(table)) {
    out.push(`### ${md(r.label)} (${md(r.levelName)})`, '');
    for (const e of extracts) out.push(`- ${md(e.citation)}: "${md(e.quote)}"${mark(e)}`, ...notesOf(e));
    if (statements.length) out.push(...(extracts.length ? [''] : []), 'Experiential statements:', '', ...statements.flatMap((st) => [`- ${md(st.citation)}: ${md(st.text)}${mark(st)}`, ...notesOf(st)]));
    out.push('');
  }
  if (table.omitted) out.push(`${table.omitted} consensus coding(s) on retired or unknown themes are not shown.`, '');
  return out.join('\n');
}

export function caseTableMarkdown(title: string, table: CaseTable, generatedAt: number): string {
  const out = [`# Personal themes of ${md(table.participant.pseudonym)}: ${md(title)}`, '', `Generated ${isoDate(generatedAt)} from the consensus layers.${table.provisional ? ' Provisional: some transcripts are not final.' : ''}`, ''];
  out.push(`| Level | ${md(themeHeading(table.levels, table.rows))} | Codings | Extracts |`, '| --- | --- | --- | --- |');
  for (const r of table.rows) out.push(`| ${md(r.levelName)} | ${indent(r.depth)}${md(r.label)} | ${r.cell.count} | ${r.cell.extracts.map((e) => `${e.lineLabel}: "${md(e.quote)}"`).join('<br>')} |`);
  return `${out.join('\n')}\n`;
}
