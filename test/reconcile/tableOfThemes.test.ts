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
    expect(row('belonging').recurrence).toEqual({ present: 2, required: 2, of: 4, reconciled: 4, pending: 0, recurrent: true, label: '4 of 4 reconciled, present in 2' });
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

  it('counts a participant present when a linked statement supports the theme or a theme beneath it', () => {
    const { tree, participants, transcripts } = fixture();
    const lines = linesOf(text('P03'));
    // P03 has no coding; one statement on l. 3 linked to 'Being seen' (a sub-theme of Belonging).
    const withStatement = transcripts.map((t) => (t.participantId === 'p03' ? { ...t, statements: [{ id: 's1', text: 'Struggle is seen', themeIds: ['seen'], start: lines[2]!.start, end: lines[2]!.end }] } : t));
    const table = tableOfThemes({ tree, participants, transcripts: withStatement, rule: null });
    const row = (id: string) => table.rows.find((r) => r.themeId === id)!;
    // Being seen: P01 (extract) and P03 (statement) -> 2 of 4, recurrent now (was short).
    expect(row('seen').recurrence).toMatchObject({ present: 2, recurrent: true, label: '4 of 4 reconciled, present in 2' });
    // Belonging rolls it up: P01, P02, P03 -> 3; the extract counts are unchanged.
    expect(row('belonging').recurrence.present).toBe(3);
    expect(row('belonging').cells.map((c) => [c.count, c.total, c.present])).toEqual([[0, 1, true], [1, 1, true], [0, 0, true], [0, 0, false]]);
    // Fatigue is untouched by a statement on another theme.
    expect(row('fatigue').recurrence.present).toBe(2);
    // P03's personal themes now list Belonging and Being seen.
    expect(caseTable(table, 'p03')?.rows.map((r) => r.label)).toEqual(['Belonging', 'Being seen']);
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

describe('table of themes: one extract per continuous passage, recurrence over every participant (issue 15 item 5)', () => {
  // Hand-computed: P01 has Fatigue as a resolved region stored in two parts, [line 2 start,
  // 'noticed') + ['noticed', end of line 3) (touching), then line 4 coded on its own after only
  // a line break, then 'mattered' (line 4) to the end of line 5, overlapping it: one passage,
  // l. 2-5, four codings. Belonging has two codings with uncoded words ('noticed me / when I
  // was') between them: two extracts, l. 2 and l. 3.
  const t = text('P01');
  const lines = linesOf(t);
  const at = (line: number, word: string) => lines[line - 1]!.start + t.slice(lines[line - 1]!.start, lines[line - 1]!.end).indexOf(word);
  const doc = new Y.Doc();
  setLevels(doc, ['Area', 'Theme']);
  addTheme(doc, { id: 'fatigue', label: 'Fatigue', createdBy: 'lead' });
  addTheme(doc, { id: 'belonging', label: 'Belonging', createdBy: 'lead' });
  const tree = readThemeTree(doc);
  const codings = [
    { id: 'agreed-1', themeId: 'fatigue', start: lines[1]!.start, end: at(2, 'noticed') },
    { id: 'k-r1-0', themeId: 'fatigue', start: at(2, 'noticed'), end: lines[2]!.end },
    { id: 'k2-r1-0', themeId: 'fatigue', start: lines[3]!.start, end: lines[3]!.end },
    { id: 'k3-r1-0', themeId: 'fatigue', start: at(4, 'mattered'), end: lines[4]!.end }, // overlaps the previous one
    { id: 'b-1', themeId: 'belonging', start: at(2, 'the team'), end: at(2, 'noticed') },
    { id: 'b-2', themeId: 'belonging', start: at(3, 'struggling'), end: lines[2]!.end },
  ];
  const transcripts = [{ id: 't1', participantId: 'p01', title: 'P01', text: t, lines, final: true, codings }];
  const participants = [{ id: 'p01', pseudonym: 'P01' }];
  const pending = [{ id: 'p02', pseudonym: 'P02' }, { id: 'p03', pseudonym: 'P03' }];
  const table = tableOfThemes({ tree, participants, pending, transcripts, rule: { kind: 'fraction', value: 0.5 } });
  const row = (id: string) => table.rows.find((r) => r.themeId === id)!;

  it('cites and counts a resolved region stored in parts as one extract', () => {
    const cell = row('fatigue').cells[0]!;
    expect(cell.extracts.map((e) => [e.citation, e.codingIds])).toEqual([['P01, l. 2-5', ['agreed-1', 'k-r1-0', 'k2-r1-0', 'k3-r1-0']]]);
    expect(cell.extracts[0]!.quote).toBe('P01: the team noticed me when I was struggling, and that mattered. Then nights came. I was so tired I cried.');
    expect([cell.count, cell.total, row('fatigue').count]).toEqual([1, 1, 1]);
  });

  it('keeps passages apart when uncoded words lie between them', () => {
    expect(row('belonging').cells[0]!.extracts.map((e) => e.citation)).toEqual(['P01, l. 2', 'P01, l. 3']);
    expect(row('belonging').cells[0]!.count).toBe(2);
  });

  it('counts recurrence over every participant, the unreconciled as pending, not absent', () => {
    // 3 participants, 1 reconciled: half of 3 rounds up to 2, so one presence is not enough yet.
    expect(table.rule).toEqual({ description: 'present for at least half of the participants', required: 2, of: 3 });
    expect(row('fatigue').recurrence).toEqual({ present: 1, required: 2, of: 3, reconciled: 1, pending: 2, recurrent: false, label: '1 of 3 reconciled, present in 1' });
    expect(table.pending.map((p) => p.pseudonym)).toEqual(['P02', 'P03']);
  });
});
