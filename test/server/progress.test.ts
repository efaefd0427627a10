import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCoding, addNote, addStatement, readLayer, removeCoding } from '../../shared/coding';
import { docName, codebookDocName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { linesCoded } from '../../server/commands/studies/linesCoded';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { testDialects, testServices } from '../helpers/env';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

// Ten text lines with a blank line after the fifth (a paragraph break, line 6).
const SECRET = 'the supervisor never knew';
const TEXT = [1, 2, 3, 4, 5].map((n) => `P1: line ${n}, ${SECRET}`).join('\n') + '\n\n' + [7, 8, 9, 10, 11].map((n) => `P1: line ${n} goes on`).join('\n');

describe('linesCoded', () => {
  const lines = [{ n: 1, start: 0, end: 10 }, { n: 2, start: 11, end: 11 }, { n: 3, start: 12, end: 20 }, { n: 4, start: 21, end: 30 }];
  it('counts non-blank lines touched by any span, overlapping spans once', () => {
    expect(linesCoded(lines, [{ start: 5, end: 13 }, { start: 0, end: 2 }])).toEqual({ coded: 2, total: 3 });
    expect(linesCoded(lines, [{ start: 20, end: 21 }])).toEqual({ coded: 0, total: 3 }); // only the separator
    expect(linesCoded(lines, [{ start: 0, end: 30 }])).toEqual({ coded: 3, total: 3 });
    expect(linesCoded(lines, [{ start: 0, end: 25 }, { start: 1, end: 3 }])).toEqual({ coded: 3, total: 3 });
  });
});

for (const dialect of testDialects()) {
  describe(`progress API (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let lead: ApiClient, alice: ApiClient, auditor: ApiClient, admin: ApiClient, stranger: ApiClient;
    let ids: Record<string, string>;
    let sid: string, tid: string, theme: string;
    let lines: Array<{ n: number; start: number; end: number }>;

    const layer = <T>(owner: string, fn: (doc: import('yjs').Doc) => T) => withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: owner }), fn, owner);
    const span = (from: number, to: number) => ({ start: lines[from - 1]!.start, end: lines[to - 1]!.end });

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      const seeded = await seedUsers(s, ['lead', 'alice', 'bob', 'carol', 'auditor', 'stranger']);
      ids = Object.fromEntries(Object.entries(seeded.users).map(([k, v]) => [k, v.id]));
      [lead, alice, auditor, stranger] = ['lead', 'alice', 'auditor', 'stranger'].map((n) => seeded.users[n]!.api) as [ApiClient, ApiClient, ApiClient, ApiClient];
      admin = seeded.admin;
      sid = (await lead.post('/api/studies', { title: 'Progress', codingMode: 'blind' })).json.study.id;
      for (const [name, role] of [['alice', 'coder'], ['bob', 'coder'], ['carol', 'coder'], ['auditor', 'auditor']]) await joinStudy(lead, sid, `${name}@example.org`, role!);
      const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P1' })).json.participant;
      tid = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: 'Interview 1', text: TEXT })).json.transcript.id;
      lines = (await lead.get(`/api/transcripts/${tid}`)).json.lines;
      expect(lines).toHaveLength(11);
      theme = await withDoc(s, codebookDocName(sid), (doc) => addTheme(doc, { label: 'Trust', createdBy: ids.lead! }));
      const length = TEXT.length;
      await layer(ids.alice!, (doc) => {
        addCoding(doc, length, { themeId: theme, ...span(1, 3) });
        addCoding(doc, length, { themeId: theme, ...span(2, 5) }); // overlaps: lines 2-3 count once
        addNote(doc, length, { kind: 'descriptive', text: 'settles in', ...span(1, 1) });
        addStatement(doc, length, { text: 'trust is felt before named', ...span(1, 2), themeIds: [theme] });
      });
      await layer(ids.bob!, (doc) => {
        addCoding(doc, length, { themeId: theme, ...span(5, 7) }); // spans the blank line 6
      });
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    it('counts codings, notes, statements and the share of lines coded per transcript and coder', async () => {
      const r = await lead.get(`/api/studies/${sid}/progress`);
      expect(r.status).toBe(200);
      const [t] = r.json.transcripts;
      expect(t).toMatchObject({ id: tid, title: 'Interview 1', pseudonym: 'P1', phase: 'coding', lines: 10, consensusCodings: 0 });
      const row = (name: string) => t.coders.find((c: { coderId: string }) => c.coderId === ids[name]);
      expect(row('alice')).toEqual({ coderId: ids.alice, codings: 2, notes: 1, statements: 1, linesCoded: 5, share: 0.5 });
      expect(row('bob')).toEqual({ coderId: ids.bob, codings: 1, notes: 0, statements: 0, linesCoded: 2, share: 0.2 });
      // A coder who has not started still appears, at zero.
      expect(row('carol')).toEqual({ coderId: ids.carol, codings: 0, notes: 0, statements: 0, linesCoded: 0, share: 0 });
      expect(r.json.coders.map((c: { name: string }) => c.name).sort()).toEqual(['alice', 'bob', 'carol']);
    });

    it('shows a lead only where their layer holds work, never as a coder with 0 codings', async () => {
      // The lead coded and took it back: their layer document exists, empty.
      await layer(ids.lead!, (doc) => {
        removeCoding(doc, addCoding(doc, TEXT.length, { themeId: theme, ...span(1, 1) }).id);
      });
      const r = await lead.get(`/api/studies/${sid}/progress`);
      expect(r.json.transcripts[0].coders.map((c: { coderId: string }) => c.coderId)).not.toContain(ids.lead);
      expect(r.json.coders.map((c: { name: string }) => c.name).sort()).toEqual(['alice', 'bob', 'carol']);
      await layer(ids.lead!, (doc) => addNote(doc, TEXT.length, { kind: 'descriptive', text: 'the lead codes too', ...span(2, 2) }));
      const withWork = (await lead.get(`/api/studies/${sid}/progress`)).json;
      expect(withWork.transcripts[0].coders.find((c: { coderId: string }) => c.coderId === ids.lead)).toMatchObject({ notes: 1, codings: 0 });
    });

    it('carries counts only, never the coded text, so blind mode stays blind', async () => {
      const r = await lead.get(`/api/studies/${sid}/progress`);
      const body = JSON.stringify(r.json);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain('settles in');
      expect(body).not.toContain('trust is felt');
    });

    it('is for leads, auditors and admins: a coder gets 403, a stranger 404', async () => {
      expect((await alice.get(`/api/studies/${sid}/progress`)).status).toBe(403);
      expect((await stranger.get(`/api/studies/${sid}/progress`)).status).toBe(404);
      const audited = await auditor.get(`/api/studies/${sid}/progress`);
      expect(audited.status).toBe(200);
      expect(audited.json.transcripts[0].coders).toHaveLength(3);
      expect((await admin.get(`/api/studies/${sid}/progress`)).status).toBe(200);
    });

    it('follows the transcript phase and counts the consensus once reconciling', async () => {
      await lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' });
      const consensus = docName({ kind: 'consensus', transcriptId: tid });
      // The reveal may seed the consensus (reconciliation's business); count on top of whatever it wrote.
      const seeded = await withDoc(s, consensus, (doc) => readLayer(doc, TEXT.length).codings.length);
      await withDoc(s, consensus, (doc) => addCoding(doc, TEXT.length, { themeId: theme, ...span(1, 5) }), ids.lead!);
      const [t] = (await lead.get(`/api/studies/${sid}/progress`)).json.transcripts;
      expect(t).toMatchObject({ phase: 'reconciling', consensusCodings: seeded + 1 });
    });
  });
}
