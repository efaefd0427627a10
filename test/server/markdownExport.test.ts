import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { caseTable, tableOfThemes } from '../../shared/reconcile';
import { addTheme, readThemeTree, setLevels } from '../../shared/themes';
import { linesOf } from '../../shared/transcript';
import { caseTableMarkdown, themeTableMarkdown } from '../../server/commands/interchange/render/themeTableMarkdown';

// Issue 14 item 12: a theme label (or a quote, a pseudonym, a title) holding raw HTML must reach
// the Markdown export as text, never as markup a viewer would render or run.
const HOSTILE = '<script>alert(1)</script> & <img src=x onerror=alert(2)>';

function hostileTable() {
  const doc = new Y.Doc();
  setLevels(doc, ['Theme']);
  const id = addTheme(doc, { id: 'evil', label: HOSTILE, createdBy: 'lead' });
  const text = `P01: I said <b>this</b> | and that\nsecond line`;
  const lines = linesOf(text);
  const table = tableOfThemes({
    tree: readThemeTree(doc),
    participants: [{ id: 'p01', pseudonym: '<i>P01</i>' }],
    transcripts: [{ id: 't1', participantId: 'p01', title: 'P01', text, lines, final: true, codings: [{ id: 'c1', themeId: id, start: lines[0]!.start, end: lines[0]!.end }] }],
    rule: null,
  });
  return table;
}

const rawTags = (md: string) => md.match(/<\/?[a-z][^>]*>/gi) ?? [];

describe('Markdown exports', () => {
  it('escape raw HTML in theme labels, pseudonyms, quotes and the title', () => {
    const md = themeTableMarkdown('<h1>Study</h1>', hostileTable(), 0);
    expect(rawTags(md)).toEqual([]);
    expect(md).toContain('&lt;script>alert(1)&lt;/script> &amp; &lt;img src=x onerror=alert(2)>');
    expect(md).toContain('&lt;i>P01&lt;/i>');
    // The table stays a table: a `|` in a quote is escaped, not a new cell.
    expect(md).toContain('"P01: I said &lt;b>this&lt;/b> \\| and that"');
  });

  it('escape raw HTML in the personal themes of a participant (only its own <br> separators stay)', () => {
    const md = caseTableMarkdown('Study', caseTable(hostileTable(), 'p01')!, 0);
    expect(rawTags(md).filter((t) => t !== '<br>')).toEqual([]);
    expect(md).toContain('&lt;script>');
  });
});
