import type { ReconciliationRecord } from '../../../../shared/reconcile';
import { isoDate } from './exportFile';
import { escapeHtml as h, htmlPage } from './html';
import { coderLine, commentLine, decisionLine, JOURNALS_HEADING, journalEntryLine, journalsOf, NO_JOURNALS, resolutionLine, revealLine, transcriptHeading } from './recordRows';

/** The reconciliation record as a print-ready HTML appendix. */
export function recordHtml(r: ReconciliationRecord): string {
  const list = (items: string[], empty: string) => (items.length ? `<ul>${items.map((x) => `<li>${h(x)}</li>`).join('')}</ul>` : `<p class="muted">${h(empty)}</p>`);
  const sections = r.transcripts
    .map((t) => {
      const items = t.items
        .map(
          (i) => `<h3>${h(i.theme)}, ${h(i.lines)} <span class="muted">(${h(i.kind)}, ${h(i.status)}${i.superseded ? ', superseded' : ''})</span></h3>
<blockquote>&ldquo;${h(i.quote)}&rdquo;</blockquote>
<p class="muted">Key ${h(i.key)}</p>
<table><tbody>
<tr><th>Coders</th><td>${list(i.coders.map(coderLine), '')}</td></tr>
<tr><th>Discussion</th><td>${list(i.comments.map(commentLine), 'no comments')}</td></tr>
<tr><th>Resolution</th><td>${i.resolution ? `${h(resolutionLine(i.resolution))}<br>Rationale: ${h(i.resolution.rationale)}` : '<span class="short">unresolved</span>'}${i.history.length ? list(i.history.map((x) => `earlier: ${resolutionLine(x)}. Rationale: ${x.rationale}`), '') : ''}</td></tr>
${i.decisions.length ? `<tr><th>Codebook decisions</th><td>${list(i.decisions.map(decisionLine), '')}</td></tr>` : ''}
</tbody></table>`,
        )
        .join('\n');
      return `<h2>${h(transcriptHeading(t))}</h2>\n<p class="muted">${h(revealLine(t))}</p>\n${items}`;
    })
    .join('\n');
  const journals = journalsOf(r);
  const journalSection = `<h2>${h(JOURNALS_HEADING)}</h2>\n${journals.length ? journals.map((j) => `<h3>${h(j.coder)}</h3>\n${list(j.entries.map(journalEntryLine), 'no entries')}`).join('\n') : `<p class="muted">${h(NO_JOURNALS)}</p>`}`;
  return htmlPage(`Reconciliation record: ${r.study.title}`, `<h1>Reconciliation record: ${h(r.study.title)}</h1>\n<p class="muted">Generated ${h(isoDate(r.generatedAt))}.</p>\n${sections}\n${journalSection}`);
}
