import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/auditChain';
import { addNote, removeNote } from '../../shared/coding/notes';
import { codebookDocName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { docRegistryFor, withDoc } from '../../server/ydocs/withDoc';
import { type RunningServer, startServer } from '../../server/server';
import { listAudit } from '../../server/store/audit';
import { insertBackup } from '../../server/store/erasures';
import { type TestEnv, eventually, testDialects, preparedTestEnv } from '../helpers/env';
import { type StudyFixture, docs, logRows, openClient, seedStudy, serverDoc, synced } from '../helpers/collab';
import { filesContaining, uniqueMarker } from './dataDir';

for (const dialect of testDialects()) {
  describe(`erasure (${dialect})`, () => {
    let server: RunningServer;
    let env: TestEnv;
    let f: StudyFixture;

    beforeEach(async () => {
      // A short delay before a layer's history is rewritten after a deletion (default 5 s).
      env = await preparedTestEnv(dialect, { HISTORY_REWRITE_DELAY_MS: '50' });
      server = await startServer(env.config, env.options);
      f = await seedStudy(server.services, 'blind');
    });
    afterEach(async () => {
      await server.close();
      await env.cleanup();
    });

    /** A second transcript of a second participant, with a note by `owner` holding `marker`. */
    async function participantWith(marker: string) {
      const lead = f.api('lead');
      const p = (await lead.post(`/api/studies/${f.studyId}/participants`, { pseudonym: `P-${marker}` })).json.participant;
      const t = (await lead.post(`/api/studies/${f.studyId}/transcripts`, { participantId: p.id, title: `Interview ${marker}`, text: `Interviewer: Where do you live?\nP02: In ${marker} street, near the clinic.\n` })).json.transcript;
      const layer = `transcripts/${t.id}/layers/${f.users.owner!.id}`;
      await withDoc(server.services, layer, (doc) => addNote(doc, 80, { kind: 'descriptive', text: `lives at ${marker}`, start: 0, end: 10 }), f.users.owner!.id);
      return { participantId: p.id as string, transcriptId: t.id as string, layer };
    }

    it('erases a participant so that no byte of their words is left in the data folder, and the trail still verifies', async () => {
      const marker = uniqueMarker('Erasmarker');
      const { participantId, transcriptId, layer } = await participantWith(marker);
      // The unrelated transcript keeps its note.
      const kept = uniqueMarker('Keptmarker');
      await withDoc(server.services, docs.layer(f), (doc) => addNote(doc, 30, { kind: 'descriptive', text: kept, start: 0, end: 5 }), f.users.owner!.id);
      if (dialect === 'sqlite') expect(filesContaining(env.dataDir, marker).length).toBeGreaterThan(0);

      const r = await f.api('lead').post(`/api/participants/${participantId}/erase`, { reason: 'the participant withdrew consent' });
      expect(r.status).toBe(200);
      expect(r.json.erasure.counts).toMatchObject({ transcripts: 1, participants: 1, documents: 1 });
      expect(r.json.erasure.counts.documentUpdates).toBeGreaterThan(0);

      if (dialect === 'sqlite') {
        expect(filesContaining(env.dataDir, marker)).toEqual([]);
        expect(filesContaining(env.dataDir, kept).length).toBeGreaterThan(0);
      }
      const s = server.services;
      expect(await s.db.selectFrom('doc_updates').select('id').where('doc', '=', layer).execute()).toEqual([]);
      expect(await s.db.selectFrom('transcripts').select('id').where('id', '=', transcriptId).execute()).toEqual([]);
      expect((await f.api('lead').get(`/api/transcripts/${transcriptId}`)).status).toBe(404);

      const events = await listAudit(s.db, f.studyId);
      expect(verifyChain(events)).toEqual({ verified: true, redacted: 2 }); // participant.add, transcript.import
      expect(JSON.stringify(events)).not.toContain(marker);
      const erase = events.at(-1)!;
      expect(erase).toMatchObject({ action: 'privacy.erase', actorId: f.users.lead!.id, target: `participant:${participantId}` });
      expect(erase.data).toMatchObject({ kind: 'participant', reason: 'the participant withdrew consent', redactedEvents: 2 });
      const audit = (await f.api('auditor').get(`/api/studies/${f.studyId}/audit`)).json;
      expect(audit).toMatchObject({ verified: true, redacted: 2 });
    });

    it('refuses erasure to coders, auditors and outsiders and changes nothing', async () => {
      const body = { reason: 'because' };
      expect((await f.api('owner').post(`/api/participants/${f.participantId}/erase`, body)).json.error.code).toBe('forbidden');
      expect((await f.api('auditor').post(`/api/transcripts/${f.transcriptId}/erase`, body)).status).toBe(403);
      expect((await f.api('outsider').post(`/api/studies/${f.studyId}/erase`, body)).status).toBe(404);
      expect((await f.api('lead').post(`/api/studies/${f.studyId}/erase`, {})).json.error.code).toBe('validation_failed');
      expect((await f.api('lead').get(`/api/transcripts/${f.transcriptId}`)).status).toBe(200);
      expect((await listAudit(server.services.db, f.studyId)).map((e) => e.action)).not.toContain('privacy.erase');
    });

    it('asks for confirmation before erasing from a finalised analysis, and records the consequence', async () => {
      const lead = f.api('lead');
      expect((await lead.post(`/api/transcripts/${f.transcriptId}/phase`, { phase: 'reconciling' })).status).toBe(200);
      expect((await lead.post(`/api/transcripts/${f.transcriptId}/phase`, { phase: 'final' })).status).toBe(200);
      const refused = await lead.post(`/api/transcripts/${f.transcriptId}/erase`, { reason: 'withdrawn' });
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('confirmation_required');
      expect(refused.json.error.details.consequences[0]).toMatch(/is final/);
      expect((await lead.get(`/api/transcripts/${f.transcriptId}`)).status).toBe(200);

      const done = await lead.post(`/api/transcripts/${f.transcriptId}/erase`, { reason: 'withdrawn', confirm: true });
      expect(done.status).toBe(200);
      const erase = (await listAudit(server.services.db, f.studyId)).at(-1)!;
      expect((erase.data as { consequences: string[] }).consequences[0]).toMatch(/leave the table of themes/);
      const erasures = (await f.api('auditor').get(`/api/studies/${f.studyId}/erasures`)).json.erasures;
      expect(erasures).toHaveLength(1);
      expect(erasures[0]).toMatchObject({ kind: 'transcript', actorId: f.users.lead!.id, reason: 'withdrawn' });
    });

    it('erases a whole study, keeps a record without content and lists the backups taken before', async () => {
      const marker = uniqueMarker('Studymarker');
      await participantWith(marker);
      await withDoc(server.services, docs.codebook(f), (doc) => doc.getMap('themes').set('t1', { id: 't1', label: `Theme ${marker}` }), f.users.lead!.id);
      await insertBackup(server.services.db, { id: 'b1', at: server.services.now() - 1000, path: '/backups/concord-monday.db', bytes: 1234 });

      const r = await f.api('lead').post(`/api/studies/${f.studyId}/erase`, { reason: 'retention period ended' });
      expect(r.status).toBe(200);
      expect(r.json.erasure.backups).toEqual([expect.objectContaining({ path: '/backups/concord-monday.db' })]);
      expect((await f.api('lead').get(`/api/studies/${f.studyId}`)).status).toBe(404);
      if (dialect === 'sqlite') expect(filesContaining(env.dataDir, marker)).toEqual([]);
      const rows = await server.services.db.selectFrom('erasures').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'study', target: `study:${f.studyId}`, reason: 'retention period ended' });
      expect(JSON.stringify(rows)).not.toContain(marker);
      expect(await server.services.db.selectFrom('audit_events').select('seq').where('study_id', '=', f.studyId).execute()).toEqual([]);
    });

    it("erases a user: the account becomes a pseudonymous tombstone and, as the study decided, their layers go", async () => {
      const lead = f.api('lead');
      expect((await lead.patch(`/api/studies/${f.studyId}/privacy`, { departedLayers: 'delete' })).status).toBe(200);
      const marker = uniqueMarker('Usermarker');
      await withDoc(server.services, docs.layer(f), (doc) => addNote(doc, 30, { kind: 'descriptive', text: marker, start: 0, end: 5 }), f.users.owner!.id);
      // Two proposals by the coder: one still open (withdrawn by the erasure) and one the lead
      // declined (kept as the lead's record, under the tombstone's id; the audit trail keeps both).
      const themeId = await withDoc(server.services, codebookDocName(f.studyId), (doc) => addTheme(doc, { label: 'Weariness', createdBy: f.users.lead!.id }), f.users.lead!.id);
      const owner = f.api('owner');
      const open = await owner.post(`/api/studies/${f.studyId}/themes/${themeId}/proposals`, { change: { kind: 'rename', label: 'Worn out' }, rationale: 'shorter' });
      expect(open.status).toBe(200);
      const decided = await owner.post(`/api/studies/${f.studyId}/themes/${themeId}/proposals`, { change: { kind: 'describe', description: 'Tiredness beyond sleep' }, rationale: 'clearer' });
      expect((await lead.post(`/api/studies/${f.studyId}/theme-proposals/${decided.json.id}/decline`, { note: 'keep it' })).status).toBe(200);
      expect((await lead.post(`/api/users/${f.users.owner!.id}/erase`, { reason: 'left the team' })).status).toBe(403);
      const seededAdmin = await adminClient(server);
      const r = await seededAdmin.post(`/api/users/${f.users.owner!.id}/erase`, { reason: 'left the team' });
      expect(r.status).toBe(200);
      const user = await server.services.db.selectFrom('users').selectAll().where('id', '=', f.users.owner!.id).executeTakeFirstOrThrow();
      expect(user.email).not.toContain('owner');
      expect(user.name).toMatch(/^Former member /);
      expect(await server.services.db.selectFrom('doc_updates').select('id').where('doc', '=', docs.layer(f)).execute()).toEqual([]);
      const proposals = await server.services.db.selectFrom('theme_proposals').select(['id', 'status', 'proposer_id']).where('study_id', '=', f.studyId).execute();
      expect(proposals).toEqual([{ id: decided.json.id, status: 'declined', proposer_id: f.users.owner!.id }]);
      if (dialect === 'sqlite') expect(filesContaining(env.dataDir, marker)).toEqual([]);
      expect((await f.api('owner').get('/api/auth/me')).status).toBe(401);
      const events = await listAudit(server.services.db, f.studyId);
      expect(verifyChain(events).verified).toBe(true);
      expect(JSON.stringify(events)).not.toContain('owner@example.org');
    });

    it('rewrites a layer history after its coder deletes a note over the socket: the text leaves the files', async () => {
      const marker = uniqueMarker('Notemarker');
      const layer = docs.layer(f);
      const coder = openClient(server, layer, f.cookie('owner'), { persisted: true });
      try {
        await synced(coder);
        addNote(coder.doc, 30, { id: 'n1', kind: 'descriptive', text: `lives at ${marker}`, start: 0, end: 5 });
        addNote(coder.doc, 30, { id: 'n2', kind: 'linguistic', text: 'keeps this one', start: 5, end: 9 });
        await eventually(() => coder.isSaved());
        if (dialect === 'sqlite') expect(filesContaining(env.dataDir, marker).length).toBeGreaterThan(0);
        removeNote(coder.doc, 'n1');
        await eventually(() => coder.isSaved());
        // The log is replaced by one snapshot of the current layer, then the files are purged.
        await eventually(async () => (await logRows(server.services, layer)) === 0, 10_000);
        if (dialect === 'sqlite') await eventually(() => filesContaining(env.dataDir, marker).length === 0, 10_000);
        expect(await serverDoc(server.services, layer, (doc) => [...doc.getMap('notes').keys()])).toEqual(['n2']);
        // The coder goes on writing on the same connection; a fresh load sees everything.
        addNote(coder.doc, 30, { id: 'n3', kind: 'conceptual', text: 'after the rewrite', start: 1, end: 2 });
        await eventually(() => coder.isSaved());
        await docRegistryFor(server.services).evictIdle();
        coder.destroy();
        await docRegistryFor(server.services).evictIdle();
        expect(await serverDoc(server.services, layer, (doc) => [...doc.getMap('notes').keys()].sort())).toEqual(['n2', 'n3']);
      } finally {
        coder.destroy();
      }
    });
  });
}

async function adminClient(server: RunningServer) {
  const { apiFor } = await import('../helpers/http');
  const c = apiFor(server.services).client();
  expect((await c.post('/api/auth/login', { email: 'admin@example.org', password: 'admin-password' })).status).toBe(200);
  return c;
}
