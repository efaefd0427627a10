import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoding, addStatement } from '../../shared/coding';
import { codebookDocName, consensusDocName } from '../../shared/docNames';
import { type Cell, type Extract, type StatementEvidence, type ThemeTable, cellWithoutExtracts } from '../../shared/reconcile';
import { addTheme } from '../../shared/themes';
import { linesOf } from '../../shared/transcript';
import type { RunningServer } from '../../server/server';
import { withDoc } from '../../server/ydocs/withDoc';
import { type StudyFixture, seedStudy } from '../helpers/collab';
import { testDialects, testServer } from '../helpers/env';
import type { ApiClient } from '../helpers/http';

const text = Array.from({ length: 12 }, (_, i) => `Line ${i + 1}: ${['the team noticed me', 'when I was struggling', 'nights came', 'I was so tired I cried', 'nobody asked', 'I went home'][i % 6]}.`).join('\n');

/**
 * The screen's paged table of themes (issue 15, performance): `perCell=K` sends at most K
 * extracts per cell with how many more there are, every count, total, presence and recurrence
 * as in the whole answer; the cell route gives exactly the extracts left out, under the table's
 * own authorisation; exports and requests without `perCell` still get every extract.
 */
for (const dialect of testDialects()) {
  describe(`table of themes paging (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;
    let lead: ApiClient;
    let sid: string;
    const themes: string[] = [];
    const participants: string[] = [];

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect));
      const s = server.services;
      f = await seedStudy(s, 'open');
      sid = f.studyId;
      lead = f.api('lead');
      const by = f.users.lead!.id;
      // A parent with two sub-themes, so totals roll up; a fourth theme nobody's data supports.
      const [parent, a, b, unused] = await withDoc(s, codebookDocName(sid), (doc) => {
        const p = addTheme(doc, { label: 'Being seen', createdBy: by });
        return [p, addTheme(doc, { label: 'Noticed', parentId: p, createdBy: by }), addTheme(doc, { label: 'Ignored', parentId: p, createdBy: by }), addTheme(doc, { label: 'Unused', createdBy: by })];
      });
      themes.push(parent!, a!, b!, unused!);
      const lines = linesOf(text);
      // Separate passages (a line apart: adjacent lines are one passage), so each coding is one
      // extract: P02 has 5 of "Noticed", P03 has 2 (no paging needed), P04 has 1 of "Ignored"
      // and 3 of the parent.
      const plan: Record<string, Array<[string, number[]]>> = { P02: [[a!, [9, 1, 3, 5, 7]], [b!, [11]]], P03: [[a!, [2, 6]]], P04: [[b!, [3]], [parent!, [1, 5, 9]]] };
      // Experiential statements, paged like extracts: P03 has 4 linked to "Noticed" (2 more) and
      // 3 to "Ignored" with no extract of it (1 more; the cell still says "(3 statements)"); P02
      // has 2 of the parent (no paging needed).
      const statementPlan: Record<string, Array<[string, number[]]>> = { P02: [[parent!, [4, 8]]], P03: [[a!, [10, 1, 7, 4]], [b!, [3, 12, 5]]] };
      for (const [pseudonym, codings] of Object.entries(plan)) {
        const pid = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym })).json.participant.id as string;
        participants.push(pid);
        const tid = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: pid, title: `Interview ${pseudonym}`, text })).json.transcript.id as string;
        expect((await lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
        await withDoc(s, consensusDocName(tid), (doc) => {
          for (const [themeId, ns] of codings) for (const n of ns) addCoding(doc, text.length, { themeId, start: lines[n - 1]!.start, end: lines[n - 1]!.end, createdAt: 1 });
          for (const [themeId, ns] of statementPlan[pseudonym] ?? []) for (const n of ns) addStatement(doc, text.length, { text: `Statement on line ${n}`, themeIds: [themeId], start: lines[n - 1]!.start, end: lines[n - 1]!.end, createdAt: 1 });
        }, by);
      }
    });
    afterAll(async () => close());

    const table = async (query: string, who: ApiClient = lead) => {
      const r = await who.get(`/api/studies/${sid}/themes/table?format=json${query}`);
      expect(r.status).toBe(200);
      return r.json.table as ThemeTable;
    };
    const cellOf = (t: ThemeTable, themeId: string, participantId: string): Cell => t.rows.find((r) => r.themeId === themeId)!.cells.find((c) => c.participantId === participantId)!;
    const rest = (query: Record<string, string>, who: ApiClient = lead) => who.get(`/api/studies/${sid}/themes/table/cell?${new URLSearchParams(query)}`);
    /** Everything but the extracts, the statements and the paging counts: what paging must leave as it is. */
    const withoutExtracts = (t: ThemeTable) => ({ ...t, rows: t.rows.map((r) => ({ ...r, cells: r.cells.map(({ extracts: _e, moreExtracts: _m, statements: _s, moreStatements: _ms, ...c }) => c) })) });

    it('pages each cell to K extracts with how many more, every count and the recurrence as in the whole answer', async () => {
      const whole = await table('');
      const paged = await table('&perCell=2');
      expect(withoutExtracts(paged)).toEqual(withoutExtracts(whole));
      expect(whole.rows.flatMap((r) => r.cells).every((c) => c.moreExtracts === undefined && c.moreStatements === undefined)).toBe(true);
      let pagedCells = 0;
      let pagedStatementCells = 0;
      for (const [ri, row] of whole.rows.entries()) {
        for (const [ci, c] of row.cells.entries()) {
          const p = paged.rows[ri]!.cells[ci]!;
          expect(p.extracts).toEqual(c.extracts.slice(0, 2));
          expect(p.extracts.length + (p.moreExtracts ?? 0)).toBe(c.extracts.length);
          if (p.moreExtracts !== undefined) pagedCells++;
          expect(p.statements).toEqual(c.statements.slice(0, 2));
          expect(p.statements.length + (p.moreStatements ?? 0)).toBe(c.statements.length);
          if (p.moreStatements !== undefined) pagedStatementCells++;
          // The cell's wording is of all the evidence, paged or not.
          expect(cellWithoutExtracts(p)).toBe(cellWithoutExtracts(c));
        }
      }
      // P02's five "Noticed" passages (3 more) and P04's three of the parent (1 more).
      const [p2, p3, p4] = participants as [string, string, string];
      expect(pagedCells).toBe(2);
      expect(pagedStatementCells).toBe(2);
      expect([cellOf(paged, themes[1]!, p3).statements.length, cellOf(paged, themes[1]!, p3).moreStatements]).toEqual([2, 2]);
      expect([cellOf(paged, themes[2]!, p3).count, cellOf(paged, themes[2]!, p3).present, cellOf(paged, themes[2]!, p3).moreStatements]).toEqual([0, true, 1]);
      expect(cellWithoutExtracts(cellOf(paged, themes[2]!, p3))).toBe('(3 statements)');
      expect(cellOf(paged, themes[0]!, p2).moreStatements).toBeUndefined();
      expect([cellOf(paged, themes[1]!, p2).count, cellOf(paged, themes[1]!, p2).moreExtracts]).toEqual([5, 3]);
      expect([cellOf(paged, themes[0]!, p4).count, cellOf(paged, themes[0]!, p4).total, cellOf(paged, themes[0]!, p4).moreExtracts]).toEqual([3, 4, 1]);
      expect(cellOf(paged, themes[1]!, p3).moreExtracts).toBeUndefined();
      expect(cellOf(paged, themes[0]!, p2).total).toBe(6);
      // P01 (the fixture's own participant) is still in coding: pending, not absent.
      expect(paged.rows.find((r) => r.themeId === themes[0])!.recurrence.label).toBe('3 of 4 reconciled, present in 3');
      // A smaller answer: the point of the paging.
      expect(JSON.stringify(paged).length).toBeLessThan(JSON.stringify(whole).length);
    });

    it('answers the rest of a cell with exactly the extracts the page left out, in order', async () => {
      const whole = await table('');
      const paged = await table('&perCell=2');
      for (const row of whole.rows) {
        for (const c of row.cells) {
          const p = cellOf(paged, row.themeId, c.participantId);
          const r = await rest({ themeId: row.themeId, participantId: c.participantId, from: String(p.extracts.length) });
          expect(r.status).toBe(200);
          expect(r.json.extracts).toBe(c.extracts.length);
          expect([...p.extracts, ...(r.json.rest as Extract[])]).toEqual(c.extracts);
          expect((r.json.rest as Extract[]).length).toBe(p.moreExtracts ?? 0);
          // The statements from `statementsFrom` on: exactly those the page left out.
          const st = await rest({ themeId: row.themeId, participantId: c.participantId, from: String(p.extracts.length), statementsFrom: String(p.statements.length) });
          expect(st.status).toBe(200);
          expect(st.json.statements).toBe(c.statements.length);
          expect([...p.statements, ...(st.json.restStatements as StatementEvidence[])]).toEqual(c.statements);
          expect((st.json.restStatements as StatementEvidence[]).length).toBe(p.moreStatements ?? 0);
          expect(st.json.rest).toEqual(r.json.rest);
        }
      }
      const statementLines = ((await rest({ themeId: themes[1]!, participantId: participants[1]!, from: '2', statementsFrom: '2' })).json.restStatements as StatementEvidence[]).map((st) => st.lineLabel);
      expect(statementLines).toEqual(['l. 7', 'l. 10']);
      const lineLabels = ((await rest({ themeId: themes[1]!, participantId: participants[0]!, from: '2' })).json.rest as Extract[]).map((e) => e.lineLabel);
      expect(lineLabels).toEqual(['l. 5', 'l. 7', 'l. 9']);
    });

    it('pages the key-quotes view too, the rest in that view', async () => {
      const [p2] = participants as [string];
      const noticed = (await table('')).rows.find((r) => r.themeId === themes[1])!;
      const marks = cellOf(await table(''), themes[1]!, p2).extracts.filter((_, i) => i !== 1).map((e) => e.codingId);
      for (const evidenceId of marks) expect((await lead.post(`/api/studies/${sid}/themes/table/key-quotes`, { themeId: noticed.themeId, kind: 'extract', evidenceId, key: true })).status).toBe(200);
      const keyWhole = cellOf(await table('&evidence=key'), themes[1]!, p2);
      const keyPaged = cellOf(await table('&evidence=key&perCell=2'), themes[1]!, p2);
      expect(keyWhole.extracts.length).toBe(4);
      expect([keyPaged.count, keyPaged.extracts.length, keyPaged.moreExtracts]).toEqual([5, 2, 2]);
      const r = await rest({ themeId: themes[1]!, participantId: p2, from: '2', evidence: 'key' });
      expect([...keyPaged.extracts, ...(r.json.rest as Extract[])]).toEqual(keyWhole.extracts);
    });

    it('keeps every extract in each export format and refuses paging an export', async () => {
      const md = await lead.get(`/api/studies/${sid}/themes/table?format=md`);
      expect(md.status).toBe(200);
      for (const n of [1, 3, 5, 7, 9]) expect(md.text).toContain(`P02, l. ${n}`);
      for (const format of ['md', 'csv', 'html', 'docx']) {
        const r = await lead.get(`/api/studies/${sid}/themes/table?format=${format}&perCell=2`);
        expect([r.status, r.json?.error?.code]).toEqual([400, 'validation_failed']);
      }
    });

    it('refuses bad input with a typed 400 and unknown cells with a 404', async () => {
      const [p2] = participants as [string];
      for (const perCell of ['0', '-1', '1.5', 'two', '1001', '']) {
        const r = await lead.get(`/api/studies/${sid}/themes/table?format=json&perCell=${perCell}`);
        expect([perCell, r.status, r.json?.error?.code]).toEqual([perCell, 400, 'validation_failed']);
      }
      const bad: Array<Record<string, string>> = [
        { participantId: p2, from: '2' },
        { themeId: themes[1]!, from: '2' },
        { themeId: themes[1]!, participantId: p2, from: '-1' },
        { themeId: themes[1]!, participantId: p2, from: 'x' },
        { themeId: themes[1]!, participantId: p2, from: '2', evidence: 'some' },
        { themeId: themes[1]!, participantId: p2, from: '2', extra: '1' },
        // Past the cell's five extracts.
        { themeId: themes[1]!, participantId: p2, from: '6' },
        { themeId: themes[1]!, participantId: p2, from: '2', statementsFrom: '-1' },
        // Past the cell's statements (P02 has none linked to "Noticed").
        { themeId: themes[1]!, participantId: p2, from: '2', statementsFrom: '1' },
      ];
      for (const q of bad) {
        const r = await rest(q);
        expect([q, r.status, r.json?.error?.code]).toEqual([q, 400, 'validation_failed']);
      }
      expect((await rest({ themeId: themes[1]!, participantId: p2, from: '5' })).json.rest).toEqual([]);
      for (const q of [{ themeId: 'no-such-theme', participantId: p2 }, { themeId: themes[1]!, participantId: 'no-such-participant' }, { themeId: themes[1]!, participantId: f.participantId }]) {
        const r = await rest({ ...q, from: '0' });
        expect([r.status, r.json?.error?.code]).toEqual([404, 'not_found']);
      }
    });

    it('reads the rest of a cell as the table is read: members yes, outsiders and anonymous no', async () => {
      const q = { themeId: themes[1]!, participantId: participants[0]!, from: '2' };
      const expected = (await rest(q)).json;
      for (const who of ['owner', 'other', 'auditor']) {
        const r = await rest(q, f.api(who));
        expect([who, r.status]).toEqual([who, 200]);
        expect(r.json).toEqual(expected);
      }
      const outsider = f.api('outsider');
      const tableAnswer = await outsider.get(`/api/studies/${sid}/themes/table?format=json&perCell=2`);
      const cellAnswer = await rest(q, outsider);
      expect(cellAnswer.status).toBe(tableAnswer.status);
      expect(cellAnswer.json?.error?.code).toBe(tableAnswer.json?.error?.code);
      expect([403, 404]).toContain(cellAnswer.status);
      const anonymous = (await fetch(`${server.url}/api/studies/${sid}/themes/table/cell?${new URLSearchParams(q)}`));
      expect(anonymous.status).toBe(401);
    });
  });
}
