import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tableOfThemes } from '../../shared/reconcile';
import { themeTableMarkdown } from '../../server/commands/interchange/render/themeTableMarkdown';
import { addTheme, mergeTheme, readThemeTree } from '../../shared/themes';
import { linesOf } from '../../shared/transcript';

const TEXT = ['Interviewer: tell me about the ward', 'P01: the team noticed me', 'when I was struggling, and that', 'mattered. Then nights came.', 'I was so tired I cried.'].join('\n');

/**
 * Issue 15 item 5, evidence per cell: the consensus statements linked to a theme are listed in
 * its cell with their line references (hand-checked), through merges, beside the extracts and
 * without changing the counts.
 */
describe('statements as evidence in the table of themes', () => {
  it('lists a participant\'s linked statements per theme, cited by line, and prints them in the Markdown', () => {
    const doc = new Y.Doc();
    const seen = addTheme(doc, { id: 'seen', label: 'Being seen', createdBy: 'lead' });
    const noticed = addTheme(doc, { id: 'noticed', label: 'Noticed', createdBy: 'lead' });
    const fatigue = addTheme(doc, { id: 'fatigue', label: 'Fatigue', createdBy: 'lead' });
    mergeTheme(doc, noticed, seen);
    const tree = readThemeTree(doc);
    const lines = linesOf(TEXT);
    const span = (a: number, b: number) => ({ start: lines[a - 1]!.start, end: lines[b - 1]!.end });
    const table = tableOfThemes({
      tree,
      participants: [{ id: 'p1', pseudonym: 'P01' }],
      rule: null,
      transcripts: [{
        id: 't1', participantId: 'p1', title: 'P01', text: TEXT, lines, final: true,
        codings: [{ id: 'c1', themeId: seen, ...span(2, 2) }],
        statements: [
          { id: 's2', text: 'Exhaustion breaks through as tears', themeIds: [fatigue], ...span(5, 5) },
          { id: 's1', text: 'Being noticed when struggling matters', themeIds: [noticed, fatigue], ...span(2, 4) },
        ],
      }],
    });
    const cell = (id: string) => table.rows.find((r) => r.themeId === id)!.cells[0]!;
    expect(cell(seen).statements.map((s) => [s.citation, s.text])).toEqual([['P01, l. 2-4', 'Being noticed when struggling matters']]);
    expect(cell(fatigue).statements.map((s) => s.citation)).toEqual(['P01, l. 2-4', 'P01, l. 5']);
    // Evidence, not counts: fatigue has statements but no coding.
    expect([cell(fatigue).count, cell(fatigue).total, cell(seen).count]).toEqual([0, 0, 1]);
    const md = themeTableMarkdown('Ward', table, 0);
    expect(md).toContain('### Fatigue (Group experiential theme)\n\nExperiential statements:\n\n- P01, l. 2-4: Being noticed when struggling matters\n- P01, l. 5: Exhaustion breaks through as tears');
  });
});
