import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { caseTable, requiredParticipants, tableOfThemes } from '../../shared/reconcile';
import { addTheme, readThemeTree, setLevels } from '../../shared/themes';
import { linesOf } from '../../shared/transcript';

// Hand-checked fixture: 4 participants; 'Belonging' > 'Being seen' (sub-theme), and 'Fatigue'.
const text = (p: string) => [`Interviewer: tell me about the ward`, `${p}: the team noticed me`, `when I was struggling, and that`, `mattered. Then nights came.`, `I was so tired I cried.`].join('\n');

function fixture() {
  const doc = new Y.Doc();
  setLevels(doc, ['Area', 'Theme']);
  const belonging = addTheme(doc, { id: 'belonging', label: 'Belonging', createdBy: 'lead' });
  const seen = addTheme(doc, { id: 'seen', label: 'Being seen', parentId: belonging, createdBy: 'lead' });
  const fatigue = addTheme(doc, { id: 'fatigue', label: 'Fatigue', createdBy: 'lead' });
  const tree = readThemeTree(doc);
  const participants = ['P01', 'P02', 'P03', 'P04'].map((p) => ({ id: p.toLowerCase(), pseudonym: p }));
  const transcript = (p: string, codings: Array<[string, number, number]>) => {
    const t = text(p);
    const lines = linesOf(t);
    return {
      id: `t-${p}`,
      participantId: p.toLowerCase(),
      title: p,
      text: t,
      lines,
      final: true,
      // [theme, first line, last line], lines counted from 1
      codings: codings.map(([themeId, a, b], i) => ({ id: `${p}-${i}`, themeId, start: lines[a - 1]!.start, end: lines[b - 1]!.end })),
    };
  };
  const transcripts = [
    transcript('P01', [[seen, 2, 4]]),
    transcript('P02', [[belonging, 2, 2], [fatigue, 5, 5]]),
    transcript('P03', []),
    transcript('P04', [[fatigue, 4, 5]]),
  ];
  return { tree, participants, transcripts, ids: { belonging, seen, fatigue } };
}

describe('table of themes', () => {
  it('counts recurrence across participants with roll-up, against the default rule (half)', () => {
    const { tree, participants, transcripts } = fixture();
    const table = tableOfThemes({ tree, participants, transcripts, rule: null });
    expect(table.rule).toEqual({ description: 'present for at least half of the participants', required: 2, of: 4 });
    const row = (id: string) => table.rows.find((r) => r.themeId === id)!;
    // Belonging: P02 directly, P01 through 'Being seen' -> 2 of 4, recurrent.
    expect(row('belonging').recurrence).toEqual({ present: 2, required: 2, of: 4, recurrent: true });
    expect(row('belonging').cells.map((c) => [c.count, c.total])).toEqual([[0, 1], [1, 1], [0, 0], [0, 0]]);
    // Being seen: P01 only -> short.
    expect(row('seen').recurrence).toMatchObject({ present: 1, recurrent: false });
    // Fatigue: P02 and P04 -> recurrent.
    expect(row('fatigue').recurrence).toMatchObject({ present: 2, recurrent: true });
    expect(table.rows.map((r) => [r.label, r.levelName, r.depth])).toEqual([
      ['Belonging', 'Area', 1],
      ['Being seen', 'Theme', 2],
      ['Fatigue', 'Area', 1],
    ]);
  });

  it('cites extracts as "P07, l. 112-118" with the quote on one line', () => {
    const { tree, participants, transcripts } = fixture();
    const table = tableOfThemes({ tree, participants, transcripts, rule: null });
    const seen = table.rows.find((r) => r.themeId === 'seen')!.cells[0]!.extracts;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ citation: 'P01, l. 2-4', lineLabel: 'l. 2-4', lines: { first: 2, last: 4 }, quote: 'P01: the team noticed me when I was struggling, and that mattered. Then nights came.' });
    const fatigue = table.rows.find((r) => r.themeId === 'fatigue')!;
    expect(fatigue.cells[1]!.extracts.map((e) => e.citation)).toEqual(['P02, l. 5']);
    expect(fatigue.cells[3]!.extracts.map((e) => e.citation)).toEqual(['P04, l. 4-5']);
  });

  it('applies a count rule and flags themes that fall short', () => {
    const { tree, participants, transcripts } = fixture();
    const table = tableOfThemes({ tree, participants, transcripts, rule: { kind: 'count', value: 3 } });
    expect(table.rows.every((r) => !r.recurrence.recurrent)).toBe(true);
    expect(requiredParticipants({ kind: 'fraction', value: 0.5 }, 5)).toBe(3);
    expect(requiredParticipants({ kind: 'fraction', value: 0.3 }, 10)).toBe(3);
  });

  it('gives a participant their personal themes only', () => {
    const { tree, participants, transcripts } = fixture();
    const table = tableOfThemes({ tree, participants, transcripts, rule: null });
    const p01 = caseTable(table, 'p01')!;
    expect(p01.rows.map((r) => [r.label, r.count, r.total])).toEqual([
      ['Belonging', 0, 1],
      ['Being seen', 1, 1],
    ]);
    expect(caseTable(table, 'p03')!.rows).toEqual([]);
  });
});
