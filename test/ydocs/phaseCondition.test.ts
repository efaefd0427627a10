import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { CommandLock } from '../../server/store/advisoryLocks';
import { type NewDocUpdate, listDocUpdatesAfter } from '../../server/store/docLog';
import { updateTranscriptPhase } from '../../server/store/transcripts';
import { type StudyFixture, docs, seedStudy } from '../helpers/collab';
import { eventually, testDialects, testServices } from '../helpers/env';

// Issue 14 item 8: rows granted for a transcript's phase commit only while it holds. The group
// commit refuses the documents whose transcript left it, and only those.

const row = (doc: string, n: number): NewDocUpdate => ({ doc, authorId: null, at: 1_700_000_000_000 + n, update: new Uint8Array([n, n + 1]) });

for (const dialect of testDialects()) {
  describe(`phase conditions of the update-log writer (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    let f: StudyFixture;
    let other: string;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      f = await seedStudy(s, 'open');
      const t = await f.api('lead').post(`/api/studies/${f.studyId}/transcripts`, { participantId: f.participantId, title: 'Interview 2', text: 'P01: Short.\n' });
      other = t.json.transcript.id as string;
    });
    afterEach(async () => close());

    it('a group commit stores the documents whose transcript is still in the granted phase and refuses the others', async () => {
      await updateTranscriptPhase(s.db, other, 'reconciling');
      const coding = docs.layer(f);
      const revealed = `transcripts/${other}/layers/${f.users.owner!.id}`;
      const consensus = `transcripts/${other}/consensus`;
      const codebook = docs.codebook(f);
      const out = await s.docLog.append([
        { doc: coding, appliedId: 0, rows: [row(coding, 1), row(coding, 2)], condition: { transcriptId: f.transcriptId, phase: 'coding' } },
        { doc: revealed, appliedId: 0, rows: [row(revealed, 3)], condition: { transcriptId: other, phase: 'coding' } },
        { doc: codebook, appliedId: 0, rows: [row(codebook, 4)] },
        { doc: consensus, appliedId: 0, rows: [row(consensus, 5)], condition: { transcriptId: other, phase: 'reconciling' } },
      ]);
      expect(out.map((o) => (o.refused ? 'refused' : o.ids.length))).toEqual([2, 'refused', 1, 1]);
      const stored = async (doc: string) => (await listDocUpdatesAfter(s.db, doc, 0)).map((r) => r.id);
      expect(await stored(coding)).toEqual(out[0]!.ids);
      expect(await stored(revealed)).toEqual([]);
      expect(await stored(codebook)).toEqual(out[2]!.ids);
      expect(await stored(consensus)).toEqual(out[3]!.ids);
    });

    it.skipIf(dialect !== 'postgres')('a commit waits for a phase change in progress and is refused once it committed', async () => {
      const layer = docs.layer(f);
      let commit!: () => void;
      const go = new Promise<void>((resolve) => (commit = resolve));
      // A phase change as setTranscriptPhase makes it: the phase lock, then the update, then (on cue) the commit.
      const change = s.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${CommandLock.phase}::int4, hashtext(${f.transcriptId}))`.execute(trx);
        await updateTranscriptPhase(trx, f.transcriptId, 'reconciling');
        await go;
      });
      await eventually(async () => (await phaseLockHolders(s, f.transcriptId, 'ExclusiveLock', true)) === 1);
      const append = s.docLog.append([{ doc: layer, appliedId: 0, rows: [row(layer, 1)], condition: { transcriptId: f.transcriptId, phase: 'coding' } }]);
      // The append waits for the shared phase lock the change holds exclusively.
      await eventually(async () => (await phaseLockHolders(s, f.transcriptId, 'ShareLock', false)) === 1);
      commit();
      await change;
      const [result] = await append;
      expect(result).toEqual({ ids: [], missed: [], refused: true });
      expect(await listDocUpdatesAfter(s.db, layer, 0)).toEqual([]);
    });
  });
}

/** Backends holding (granted) or awaiting the phase lock class in `mode`. */
async function phaseLockHolders(s: Services, transcriptId: string, mode: string, granted: boolean): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_locks
     where locktype = 'advisory' and classid = ${CommandLock.phase} and objid = hashtext(${transcriptId})::oid and mode = ${mode} and granted = ${granted}`.execute(s.db);
  return r.rows[0]!.n;
}
