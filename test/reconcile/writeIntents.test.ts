import { afterEach, describe, expect, it } from 'vitest';
import { codebookDocName, codebookMapDocName, consensusDocName, discussionDocName, docName } from '../../shared/docNames';
import { verifyChain } from '../../shared/auditChain';
import { readLayer } from '../../shared/coding';
import { type Decision, putItem, readCodebookMap, readDiscussion } from '../../shared/reconcile';
import { addTheme, mergeTheme, readThemeTree, renameTheme } from '../../shared/themes';
import { startServer } from '../../server/server';
import { type Services, createServices } from '../../server/services';
import { appendAudit, listAudit } from '../../server/store/audit';
import { snapshotOwners } from '../../server/store/layerSnapshots';
import { findTranscript, updateTranscriptPhase } from '../../server/store/transcripts';
import { insertWriteIntent, listWriteIntents } from '../../server/store/writeIntents';
import { withDoc } from '../../server/ydocs/withDoc';
import { type TestEnv, testDialects, preparedTestEnv } from '../helpers/env';
import { seedBlindStudy } from '../helpers/blindStudy';
import { TEXT, seedReconciliation } from './seed';

// Issue 14 item 6: a multi-step write interrupted by a crash is completed or rolled back when the
// server next starts. The crash is staged by committing exactly what the interrupted write had
// committed (its first transaction; for governance also the codebook change), then starting the
// real server on that database.
for (const dialect of testDialects()) {
  describe(`recorded intents completed at startup (${dialect})`, () => {
    let env: TestEnv;
    afterEach(async () => env.cleanup());

    /** Starts the real server on the staged database twice: the second start must find nothing left to do. */
    async function startTwice(check: (s: Services) => Promise<void>) {
      for (let start = 0; start < 2; start++) {
        const server = await startServer(env.config, env.options);
        try {
          await check(server.services);
        } finally {
          await server.close();
        }
      }
    }

    it('completes a reveal whose phase change committed: snapshots and one reveal event; audits a landed merge, forgets one that never landed', async () => {
      env = await preparedTestEnv(dialect);
      const s = await createServices(env.config, env.options);
      const seeded = await seedReconciliation(s);
      const { sid, tid, ids, themes } = seeded;
      const now = Date.now();
      // The reveal's first transaction (setTranscriptPhase), then the crash.
      await s.db.transaction().execute(async (trx) => {
        await updateTranscriptPhase(trx, tid, 'reconciling');
        await appendAudit(trx, { studyId: sid, actorId: ids.lead!, action: 'transcript.phase', target: `transcript:${tid}`, data: { from: 'coding', to: 'reconciling' }, at: now });
        await insertWriteIntent(trx, { id: 'reveal-intent-1', studyId: sid, kind: 'reveal', target: tid, actorId: ids.lead!, data: {}, createdAt: now });
      });
      // A merge whose codebook change committed, and one that crashed before it.
      const before = { status: 'active', mergedInto: null };
      await insertWriteIntent(s.db, { id: 'govern-landed', studyId: sid, kind: 'govern', target: themes.doubt, actorId: ids.lead!, data: { op: { op: 'merge', themeId: themes.doubt, into: themes.trust }, note: { rationale: 'same thing' }, before }, createdAt: now });
      await withDoc(s, codebookDocName(sid), (doc) => mergeTheme(doc, themes.doubt, themes.trust), ids.lead!);
      await insertWriteIntent(s.db, { id: 'govern-lost', studyId: sid, kind: 'govern', target: themes.fear, actorId: ids.lead!, data: { op: { op: 'retire', themeId: themes.fear }, note: {}, before }, createdAt: now });
      expect(await snapshotOwners(s.db, tid)).toEqual([]);
      await s.close();

      const server = await startServer(env.config, env.options);
      try {
        const db = server.services.db;
        expect(await listWriteIntents(db)).toEqual([]);
        expect((await findTranscript(db, tid))?.phase).toBe('reconciling');
        expect(await snapshotOwners(db, tid)).toEqual([ids.alice!, ids.bob!].sort());
        const events = await listAudit(db, sid);
        expect(events.filter((e) => e.action === 'reconcile.reveal').map((e) => e.target)).toEqual([`transcript:${tid}`]);
        const merges = events.filter((e) => e.action.startsWith('theme.'));
        expect(merges.map((e) => ({ action: e.action, data: e.data }))).toEqual([
          { action: 'theme.merge', data: { op: 'merge', themeId: themes.doubt, into: themes.trust, themeLabel: 'Doubt', intoLabel: 'Trust', rationale: 'same thing' } },
        ]);
        const tree = await withDoc(server.services, codebookDocName(sid), (doc) => readThemeTree(doc));
        expect(tree.byId.get(themes.fear)?.status).toBe('active');
      } finally {
        await server.close();
      }
      // Starting again completes nothing twice.
      const again = await startServer(env.config, env.options);
      try {
        const events = await listAudit(again.services.db, sid);
        expect(events.filter((e) => e.action === 'reconcile.reveal' || e.action === 'theme.merge').length).toBe(2);
      } finally {
        await again.close();
      }
    }, 120_000);

    it('completes a split decision whose intent committed and nothing else, and audits a rename whose documents were written, once each', async () => {
      env = await preparedTestEnv(dialect);
      const s = await createServices(env.config, env.options);
      const { sid, tid, ids, themes, api } = await seedReconciliation(s);
      expect((await api.lead.post(`/api/transcripts/${tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
      const key = await withDoc(s, discussionDocName(tid), (doc) => readDiscussion(doc).items[0]!.key);
      const agreedTrust = (await withDoc(s, consensusDocName(tid), (doc) => readLayer(doc, TEXT.length).codings)).find((c) => c.themeId === themes.trust)!;
      const at = Date.now();
      const by = { by: ids.lead!, byName: 'lead', at, rationale: 'why' };
      const link = { disagreementKey: key, transcriptId: tid, rationale: 'why' };
      // A split: its intent committed, then the crash (no document written yet).
      const split = { op: 'split', themeId: themes.trust, newThemeId: 'split-theme-1', label: 'Being caught', codingIds: [agreedTrust.id], ...by };
      await insertWriteIntent(s.db, { id: 'decide-split', studyId: sid, kind: 'decide', target: themes.trust, actorId: ids.lead!, createdAt: at, data: { transcriptId: tid, textLength: TEXT.length, key, decision: split, newThemeDescription: '', audit: { action: 'theme.split', data: { themeId: themes.trust, newThemeId: 'split-theme-1', label: 'Being caught', codingIds: [agreedTrust.id], ...link } } } });
      // A rename: its codebook change and the item's decision were written, then the crash (no event yet).
      const rename = { op: 'rename', themeId: themes.hope, label: 'Hope at work', ...by, at: at + 1 };
      await insertWriteIntent(s.db, { id: 'decide-rename', studyId: sid, kind: 'decide', target: themes.hope, actorId: ids.lead!, createdAt: at + 1, data: { transcriptId: tid, textLength: TEXT.length, key, decision: rename, audit: { action: 'theme.rename', data: { themeId: themes.hope, from: 'Hope', to: 'Hope at work', ...link } } } });
      await withDoc(s, codebookDocName(sid), (doc) => renameTheme(doc, themes.hope, 'Hope at work'), ids.lead!);
      await withDoc(
        s,
        discussionDocName(tid),
        (doc) => {
          const item = readDiscussion(doc).items.find((i) => i.key === key)!;
          putItem(doc, { ...item, decisions: [...item.decisions, rename as Decision] });
        },
        ids.lead!,
      );
      await s.close();

      await startTwice(async (sv) => {
        expect(await listWriteIntents(sv.db)).toEqual([]);
        const tree = await withDoc(sv, codebookDocName(sid), (doc) => readThemeTree(doc));
        expect(tree.byId.get('split-theme-1')).toMatchObject({ label: 'Being caught', parentId: null });
        expect(tree.byId.get(themes.hope)?.label).toBe('Hope at work');
        const moved = (await withDoc(sv, consensusDocName(tid), (doc) => readLayer(doc, TEXT.length).codings)).find((c) => c.id === agreedTrust.id);
        expect(moved?.themeId).toBe('split-theme-1');
        const decisions = await withDoc(sv, discussionDocName(tid), (doc) => readDiscussion(doc).items.find((i) => i.key === key)!.decisions);
        expect(decisions.map((d) => d.op).sort()).toEqual(['rename', 'split']);
        const events = (await listAudit(sv.db, sid)).filter((e) => e.action === 'theme.split' || e.action === 'theme.rename');
        expect(events.map((e) => e.action).sort()).toEqual(['theme.rename', 'theme.split']);
        expect(verifyChain(await listAudit(sv.db, sid))).toMatchObject({ verified: true });
      });
    }, 120_000);

    it('completes a decision on private themes (a merge into a new shared theme) whose intent committed and nothing else, once', async () => {
      env = await preparedTestEnv(dialect);
      const s = await createServices(env.config, env.options);
      const { api, ids, sid } = await seedBlindStudy(s);
      const privateTheme = (owner: string, label: string) =>
        withDoc(s, codebookDocName(sid), (shared) => withDoc(s, docName({ kind: 'privateCodebook', studyId: sid, ownerId: owner }), (mine) => addTheme(mine, { label, createdBy: owner }, shared), owner));
      const shame = await privateTheme(ids.alice!, 'Shame');
      const rupture = await privateTheme(ids.bob!, 'Rupture');
      expect((await api.lead.post(`/api/studies/${sid}/themes/reveal`, {})).status).toBe(200);
      const at = Date.now();
      const body = { op: 'merge', themeIds: [shame, rupture], label: 'Shame in rupture', parentId: null, rationale: 'one experience' };
      await insertWriteIntent(s.db, { id: 'codebook-merge', studyId: sid, kind: 'codebook', target: shame, actorId: ids.lead!, createdAt: at, data: { body, created: 'merged-theme-1', byName: 'lead', owners: { [shame]: ids.alice!, [rupture]: ids.bob! }, labels: ['Shame', 'Rupture'], source: null, targetLabel: 'Shame in rupture', at } });
      await s.close();

      await startTwice(async (sv) => {
        expect(await listWriteIntents(sv.db)).toEqual([]);
        expect((await withDoc(sv, codebookDocName(sid), (doc) => readThemeTree(doc))).byId.get('merged-theme-1')?.label).toBe('Shame in rupture');
        const decisions = await withDoc(sv, codebookMapDocName(sid), (doc) => [...readCodebookMap(doc).decisions.values()]);
        expect(decisions.map((d) => ({ themeId: d.themeId, target: d.target, revision: d.revision })).sort((a, b) => a.themeId.localeCompare(b.themeId))).toEqual(
          [shame, rupture].sort().map((themeId) => ({ themeId, target: 'merged-theme-1', revision: 1 })),
        );
        const events = (await listAudit(sv.db, sid)).filter((e) => e.action.startsWith('codebook.'));
        expect(events.map((e) => ({ action: e.action, target: e.target }))).toEqual([{ action: 'codebook.decide', target: 'theme:merged-theme-1' }]);
      });
    }, 120_000);
  });
}
