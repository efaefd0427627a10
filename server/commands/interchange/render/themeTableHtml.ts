import { type CaseTable, KEY_QUOTE_MARK, type NoteEvidence, type ThemeTable, noteLabel, cellWithoutExtracts, evidenceByTheme, themeHeading, viewNote } from '../../../../shared/reconcile';
import { isoDate } from './exportFile';
import { escapeHtml as h, htmlPage } from './html';

/** Exploratory notes as a list inside the evidence they sit beside. */
const notesOf = (e: { notes: readonly NoteEvidence[] }) =>
  e.notes.length ? `<ul class="notes">${e.notes.map((n) => `<li><em>${h(noteLabel(n))}</em>, ${h(n.lineLabel)}: ${h(n.text)}</li>`).join('')}</ul>` : '';

/** The table of themes as a print-ready HTML appendix. */
export function themeTableHtml(title: string, table: ThemeTable, generatedAt: number): string {
  const head = `<tr><th>Level</th><th>${h(themeHeading(table.levels, table.rows))}</th>${table.participants.map((p) => `<th>${h(p.pseudonym)}</th>`).join('')}<th>Recurrence</th></tr>`;
  const rows = table.rows
    .map((r) => {
      const cells = r.cells.map((c) => `<td>${c.count ? `<strong>${c.count}</strong><br>${c.extracts.map((e) => h(e.citation)).join('<br>')}` : cellWithoutExtracts(c) ? `<span class="muted">${h(cellWithoutExtracts(c))}</span>` : ''}</td>`).join('');
      const rec = `<td class="num${r.recurrence.recurrent ? '' : ' short'}">${r.recurrence.present}/${r.recurrence.of}${r.recurrence.pending ? ` (${r.recurrence.pending} pending)` : ''}${r.recurrence.recurrent ? '' : ' &#9888; short'}</td>`;
      return `<tr class="level-${r.depth}"><td>${h(r.levelName)}</td><td class="theme" style="padding-left:${(r.depth - 1) * 1.2 + 0.4}em">${h(r.label)}</td>${cells}${rec}</tr>`;
    })
    .join('\n');
  const mark = (e: { key: boolean }) => (e.key ? ` <strong class="key">(${KEY_QUOTE_MARK})</strong>` : '');
  const extracts = evidenceByTheme(table)
    .map(({ row: r, extracts: quoted, statements }) => {
      const quotes = quoted.map((e) => `<blockquote>&ldquo;${h(e.quote)}&rdquo; <span class="muted">(${h(e.citation)})</span>${mark(e)}${notesOf(e)}</blockquote>`);
      const said = statements.length ? [`<p><em>Experiential statements:</em></p>`, `<ul class="statements">${statements.map((st) => `<li>${h(st.text)} <span class="muted">(${h(st.citation)})</span>${mark(st)}${notesOf(st)}</li>`).join('')}</ul>`] : [];
      return [`<h3>${h(r.label)} <span class="muted">(${h(r.levelName)})</span></h3>`, ...quotes, ...said].join('\n');
    })
    .join('\n');
  const note = viewNote(table.view);
  const body = `<h1>Table of themes: ${h(title)}</h1>
<p class="muted">Generated ${h(isoDate(generatedAt))} from the consensus layers.${table.provisional ? ' <strong>Provisional</strong>: some transcripts are not final.' : ''} Recurrence rule: ${h(table.rule.description)} (${table.rule.required} of ${table.rule.of}).${note ? ` ${h(note)}` : ''}</p>
<table><thead>${head}</thead><tbody>
${rows}
</tbody></table>
<h2>Extracts</h2>
${extracts}`;
  return htmlPage(`Table of themes: ${title}`, body);
}

export function caseTableHtml(title: string, table: CaseTable, generatedAt: number): string {
  const rows = table.rows
    .map((r) => `<tr class="level-${r.depth}"><td>${h(r.levelName)}</td><td class="theme" style="padding-left:${(r.depth - 1) * 1.2 + 0.4}em">${h(r.label)}</td><td class="num">${r.cell.count}</td><td>${r.cell.extracts.map((e) => `&ldquo;${h(e.quote)}&rdquo; <span class="muted">(${h(e.lineLabel)})</span>`).join('<br>')}</td></tr>`)
    .join('\n');
  const body = `<h1>Personal themes of ${h(table.participant.pseudonym)}: ${h(title)}</h1>
<p class="muted">Generated ${h(isoDate(generatedAt))} from the consensus layers.${table.provisional ? ' <strong>Provisional</strong>.' : ''}</p>
<table><thead><tr><th>Level</th><th>${h(themeHeading(table.levels, table.rows))}</th><th>Codings</th><th>Extracts</th></tr></thead><tbody>
${rows}
</tbody></table>`;
  return htmlPage(`Personal themes of ${table.participant.pseudonym}`, body);
}
