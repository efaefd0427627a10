import { afterEach, describe, expect, it } from 'vitest';
import { codebookDocName } from '../../shared/docNames';
import { mergeTheme, readThemeTree } from '../../shared/themes';
import { startServer } from '../../server/server';
import { createServices } from '../../server/services';
import { appendAudit, listAudit } from '../../server/store/audit';
import { snapshotOwners } from '../../server/store/layerSnapshots';
import { findTranscript, updateTranscriptPhase } from '../../server/store/transcripts';
import { insertWriteIntent, listWriteIntents } from '../../server/store/writeIntents';
import { withDoc } from '../../server/ydocs/withDoc';
import { type TestEnv, testDialects, testEnv } from '../helpers/env';
import { seedReconciliation } from './seed';

// Issue 14 item 6: a multi-step write interrupted by a crash is completed or rolled back when the
// server next starts. The crash is staged by committing exactly what the interrupted write had
// committed (its first transaction; for governance also the codebook change), then starting the
// real server on that database.
for (const dialect of testDialects()) {
  describe(`recorded intents completed at startup (${dialect})`, () => {
    let env: TestEnv;
    afterEach(async () => env.cleanup());

    it('completes a reveal whose phase change committed: snapshots and one reveal event; audits a landed merge, forgets one that never landed', async () => {
      env = testEnv(dialect);
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
  });
}
