import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCluster } from '../../shared/boards';
import { addCoding, addNote, addStatement, readLayer, removeNote } from '../../shared/coding';
import { codebookDocName, consensusDocName, docName } from '../../shared/docNames';
import { addTheme, readThemeTree } from '../../shared/themes';
import type { Services } from '../../server/services';
import { countDocUpdates } from '../../server/store/docLog';
import { closeDocRegistry, docRegistryFor, withDoc } from '../../server/ydocs/withDoc';
import { BLIND_TEXT, type BlindStudy, seedBlindStudy } from '../helpers/blindStudy';
import { testDialects, testServices } from '../helpers/env';

/**
 * What the IPA walk (test/e2e/ipaWalk.test.ts) found, pinned without a browser: a coder's work
 * reaches the reconciliation however it is stored, personal experiential themes stay PETs when
 * the lead promotes or merges them, and the table of themes shows the coders' statements.
 */
for (const dialect of testDialects()) {
  describe(`a coder's work after the reveal (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let b: BlindStudy;
    let lines: Array<{ start: number; end: number }>;

    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      b = await seedBlindStudy(s);
      lines = (await b.api.lead.get(`/api/transcripts/${b.tid}`)).json.lines;
    });
    afterEach(async () => {
      await closeDocRegistry(s);
      await close();
    });

    const layer = (who: 'alice' | 'bob') => docName({ kind: 'layer', transcriptId: b.tid, ownerId: b.ids[who]! });
    const mine = (who: 'alice' | 'bob') => docName({ kind: 'privateCodebook', studyId: b.sid, ownerId: b.ids[who]! });
    const tree = () => withDoc(s, codebookDocName(b.sid), (shared) => readThemeTree(shared));
    /** A PET of the transcript in the coder's private codebook, as the participant board makes it. */
    const pet = (who: 'alice' | 'bob', label: string) =>
      withDoc(s, codebookDocName(b.sid), (shared) => withDoc(s, mine(who), (doc) => addCluster(doc, readThemeTree(shared, [{ ownerId: b.ids[who]!, doc }]), { label, caseId: b.tid, createdBy: b.ids[who]! }, shared), b.ids[who]!));
    const decide = async (body: object) => {
      const r = await b.api.lead.post(`/api/studies/${b.sid}/codebook/decisions`, body);
      expect(r.status).toBe(200);
      return r.json.createdThemeId as string;
    };

    it('reveals a layer whose history was rewritten into a snapshot (no logged update left)', async () => {
      const work = await withDoc(s, codebookDocName(b.sid), (doc) => addTheme(doc, { label: 'Work', createdBy: b.ids.lead! }), b.ids.lead!);
      await withDoc(s, layer('alice'), (doc) => {
        addCoding(doc, BLIND_TEXT.length, { themeId: work, start: lines[1]!.start, end: lines[2]!.end, createdAt: 1 });
        removeNote(doc, addNote(doc, BLIND_TEXT.length, { kind: 'descriptive', text: 'a name I should not have written', start: 0, end: 4 }).id);
      }, b.ids.alice!);
      // A deletion in a coder's layer rewrites its history (docs/privacy.md): the log is emptied.
      await docRegistryFor(s).rewriteHistory(layer('alice'));
      expect(await countDocUpdates(s.db, layer('alice'))).toBe(0);
      expect((await b.api.lead.post(`/api/transcripts/${b.tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
      // alice is the only coder with a layer, so all she coded is agreed and copied.
      const consensus = await withDoc(s, consensusDocName(b.tid), (doc) => readLayer(doc, BLIND_TEXT.length).codings);
      expect(consensus.map((c) => [c.themeId, c.start, c.end])).toEqual([[work, lines[1]!.start, lines[2]!.end]]);
    });

    it('keeps a promoted PET, and a merge of PETs of one case, a PET of that case', async () => {
      const alicePet = await pet('alice', 'Watching the door');
      const bobPet = await pet('bob', 'Ready to leave');
      const aliceOther = await pet('alice', 'Counting the minutes');
      expect((await b.api.lead.post(`/api/studies/${b.sid}/themes/reveal`, {})).status).toBe(200);
      const merged = await decide({ op: 'merge', themeIds: [alicePet, bobPet], label: 'Keeping an exit', rationale: 'One PET seen by both.' });
      const promoted = await decide({ op: 'promote', themeId: aliceOther, rationale: 'Hers alone, kept.' });
      const t = await tree();
      expect([t.byId.get(merged)?.caseId, t.byId.get(promoted)?.caseId]).toEqual([b.tid, b.tid]);
    });

    it('lists every coder’s statements the caller may read in the table of themes, through the decisions', async () => {
      const alicePet = await pet('alice', 'Watching the door');
      const bobPet = await pet('bob', 'Ready to leave');
      await withDoc(s, layer('alice'), (doc) => addStatement(doc, BLIND_TEXT.length, { text: 'She watches the exit.', start: lines[0]!.start, end: lines[1]!.end, themeIds: [alicePet] }), b.ids.alice!);
      await withDoc(s, layer('bob'), (doc) => addStatement(doc, BLIND_TEXT.length, { text: 'Leaving is always near.', start: lines[3]!.start, end: lines[3]!.end, themeIds: [bobPet] }), b.ids.bob!);
      expect((await b.api.lead.post(`/api/studies/${b.sid}/themes/reveal`, {})).status).toBe(200);
      const merged = await decide({ op: 'merge', themeIds: [alicePet, bobPet], label: 'Keeping an exit', rationale: 'One PET seen by both.' });
      expect((await b.api.lead.post(`/api/transcripts/${b.tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
      for (const who of ['lead', 'bob', 'auditor'] as const) {
        const table = (await b.api[who].get(`/api/studies/${b.sid}/themes/table?format=json`)).json.table;
        const row = table.rows.find((r: { themeId: string }) => r.themeId === merged);
        expect([who, row.cells[0].statements.map((st: { citation: string; text: string }) => `${st.citation}: ${st.text}`)]).toEqual([who, ['P1, l. 1-2: She watches the exit.', 'P1, l. 4: Leaving is always near.']]);
        expect(row.cells[0].count).toBe(0);
      }
    });
  });
}
