import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCoding, addNote, addStatement } from '../../shared/coding';
import { codebookDocName } from '../../shared/docNames';
import { putComment, putItem } from '../../shared/reconcile/discussionDoc';
import { addTheme } from '../../shared/themes';
import { addJournalEntry } from '../../shared/reconcile/journal';
import { type RunningServer, startServer } from '../../server/server';
import { listAudit } from '../../server/store/audit';
import { addKeyEntries } from '../../server/store/pseudonymKeys';
import { withDoc } from '../../server/ydocs/withDoc';
import { type TestEnv, testDialects, preparedTestEnv } from '../helpers/env';
import { apiFor } from '../helpers/http';
import { type StudyFixture, docs, seedStudy } from '../helpers/collab';
import { runCli } from '../cli/runCli';
import { uniqueMarker } from './dataDir';

type Archive = Record<string, string>;

for (const dialect of testDialects()) {
  describe(`subject-access export (${dialect})`, () => {
    let server: RunningServer;
    let env: TestEnv;
    let f: StudyFixture;

    beforeEach(async () => {
      env = await preparedTestEnv(dialect);
      server = await startServer(env.config, env.options);
      f = await seedStudy(server.services, 'blind');
    });
    afterEach(async () => {
      await server.close();
      await env.cleanup();
    });

    /** GET as `cookie`; a zip opened into its files (text), or the status and JSON error. */
    async function fetchArchive(path: string, cookie: string): Promise<{ status: number; files: Archive; headers: Headers; error?: string }> {
      const res = await apiFor(server.services).app.request(`http://localhost${path}`, { headers: { host: 'localhost', cookie } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.status !== 200) return { status: res.status, files: {}, headers: res.headers, error: (JSON.parse(strFromU8(bytes)) as { error: { code: string } }).error.code };
      const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
      return { status: res.status, files, headers: res.headers };
    }

    /** The participant P01 with coding work of every kind on their transcript, and an unrelated P02. */
    async function seedWork() {
      const s = server.services;
      const marks = { note: uniqueMarker('Notemark'), consensus: uniqueMarker('Consmark'), comment: uniqueMarker('Commentmark'), journal: uniqueMarker('Journalmark'), other: uniqueMarker('Othermark'), statement: uniqueMarker('Statemark'), proposal: uniqueMarker('Proposalmark') };
      const owner = f.users.owner!.id;
      await withDoc(s, docs.layer(f), (doc) => {
        addNote(doc, 54, { kind: 'descriptive', text: `owner: ${marks.note}`, start: 0, end: 10 });
        addCoding(doc, 54, { themeId: 'th-weariness', start: 32, end: 36 });
        addStatement(doc, 54, { text: marks.statement, start: 32, end: 42, themeIds: ['th-weariness'] });
      }, owner);
      await withDoc(s, docs.layer(f, 'other'), (doc) => addNote(doc, 54, { kind: 'linguistic', text: 'repetition of long', start: 32, end: 42 }), f.users.other!.id);
      await withDoc(s, docs.consensus(f), (doc) => addNote(doc, 54, { kind: 'conceptual', text: marks.consensus, start: 0, end: 5 }), f.users.lead!.id);
      await withDoc(s, docs.discussion(f), (doc) => {
        putItem(doc, { key: 'i1', transcriptId: f.transcriptId, themeId: 'th-weariness', kind: 'presence', start: 32, end: 42, lines: null, quote: 'Long. Very', coders: [], status: 'open', createdAt: 1, history: [], decisions: [] });
        putComment(doc, { id: 'c1', itemKey: 'i1', author: owner, authorName: 'owner', text: marks.comment, at: 2 });
      });
      await withDoc(s, docs.journal(f), (doc) => {
        addJournalEntry(doc, { text: `P01 reminded me of ${marks.journal}`, at: 3 });
        addJournalEntry(doc, { text: 'P010 is someone else entirely', at: 4 });
      }, owner);
      const themeId = await withDoc(server.services, codebookDocName(f.studyId), (doc) => addTheme(doc, { label: 'Weariness', createdBy: f.users.lead!.id }), f.users.lead!.id);
      const proposed = await f.api('owner').post(`/api/studies/${f.studyId}/themes/${themeId}/proposals`, { change: { kind: 'rename', label: 'Worn out' }, rationale: marks.proposal });
      expect(proposed.status).toBe(200);
      await addKeyEntries(s.db, f.studyId, [{ original: 'Anna Weber', replacement: '[Client A]', kind: 'person' }], { userId: f.users.lead!.id, participantId: f.participantId, now: s.now() });
      const lead = f.api('lead');
      const p2 = (await lead.post(`/api/studies/${f.studyId}/participants`, { pseudonym: 'P02' })).json.participant;
      const t2 = (await lead.post(`/api/studies/${f.studyId}/transcripts`, { participantId: p2.id, title: 'Interview 2', text: `P02: ${marks.other}\n` })).json.transcript;
      await withDoc(s, `transcripts/${t2.id}/layers/${owner}`, (doc) => addNote(doc, 30, { kind: 'descriptive', text: marks.other, start: 0, end: 3 }), owner);
      expect((await f.api('owner').get(`/api/transcripts/${f.transcriptId}`)).status).toBe(200);
      return { marks, p2: p2.id as string, themeId };
    }

    it("gives a lead one archive of everything held about a participant, and nothing about anyone else's", async () => {
      const { marks } = await seedWork();
      const r = await fetchArchive(`/api/participants/${f.participantId}/subject-access`, f.cookie('lead'));
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/zip');
      expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="subject-access-p01\.zip"/);
      const a = r.files;
      const tdir = `transcripts/${f.transcriptId}`;
      expect(a[`${tdir}/transcript.txt`]).toBe('Interviewer: How was the shift?\nP01: Long. Very long.\n');
      // Every coder's layer, blind mode notwithstanding, the consensus and the discussion.
      const ownLayer = JSON.parse(a[`${tdir}/layers/${f.users.owner!.id}.json`]!);
      expect(ownLayer.notes.map((n: { text: string }) => n.text)).toEqual([`owner: ${marks.note}`]);
      expect(ownLayer.codings).toEqual([expect.objectContaining({ themeId: 'th-weariness', start: 32, end: 36 })]);
      expect(ownLayer.statements[0].text).toBe(marks.statement);
      expect(JSON.parse(a[`${tdir}/layers/${f.users.other!.id}.json`]!).notes[0].text).toBe('repetition of long');
      expect(JSON.parse(a[`${tdir}/consensus.json`]!).notes[0].text).toBe(marks.consensus);
      const discussion = JSON.parse(a[`${tdir}/discussion.json`]!);
      expect(discussion.items.map((i: { key: string }) => i.key)).toEqual(['i1']);
      expect(discussion.comments[0].text).toBe(marks.comment);
      // Journal entries naming P01 as a word (not P010), the key entries, the people named.
      expect(JSON.parse(a['journal-mentions.json']!).map((e: { text: string }) => e.text)).toEqual([`P01 reminded me of ${marks.journal}`]);
      expect(JSON.parse(a['pseudonym-key.json']!)).toEqual([expect.objectContaining({ original: 'Anna Weber', replacement: '[Client A]', participantId: f.participantId })]);
      expect(JSON.parse(a['people.json']!).map((p: { name: string }) => p.name).sort()).toEqual(['other', 'owner']);
      expect(JSON.parse(a['participant.json']!)).toMatchObject({ id: f.participantId, pseudonym: 'P01', studyTitle: 'Burnout in nursing' });
      const audit = JSON.parse(a['audit-events.json']!) as Array<{ action: string; target: string }>;
      expect(audit.map((e) => e.target)).toEqual(expect.arrayContaining([`participant:${f.participantId}`, `transcript:${f.transcriptId}`]));
      expect(JSON.parse(a['access-log.json']!)).toEqual([expect.objectContaining({ userId: f.users.owner!.id, target: `transcript:${f.transcriptId}`, door: 'rest' })]);
      // P02's words appear nowhere.
      expect(Object.values(a).join('\n')).not.toContain(marks.other);
      // The manifest lists every other file with its hash; the README explains them.
      const manifest = JSON.parse(a['manifest.json']!);
      expect(manifest).toMatchObject({ format: 'concord-subject-access', version: 1, subject: { kind: 'participant', id: f.participantId, label: 'P01' }, generatedBy: { id: f.users.lead!.id } });
      expect(manifest.files.map((x: { path: string }) => x.path).sort()).toEqual(Object.keys(a).filter((n) => n !== 'manifest.json' && n !== 'README.txt').sort());
      for (const file of manifest.files) expect(createHash('sha256').update(a[file.path]!).digest('hex')).toBe(file.sha256);
      expect(a['README.txt']).toMatch(/Subject-access export from Concord/);
      expect(a['README.txt']).toContain('journal-mentions.json');
      // Audited (counts only) and recorded as a read.
      const last = (await listAudit(server.services.db, f.studyId)).at(-1)!;
      expect(last).toMatchObject({ action: 'privacy.subject_access', actorId: f.users.lead!.id, target: `participant:${f.participantId}`, data: { transcripts: 1, layers: 2, door: 'rest' } });
      expect(JSON.stringify(last)).not.toContain(marks.note);
      const log = (await f.api('auditor').get(`/api/studies/${f.studyId}/access-log`)).json.entries;
      expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ userId: f.users.lead!.id, what: 'export', target: `export:subject-access:participant:${f.participantId}`, door: 'rest' })]));
    });

    it('refuses a participant export to coders, auditors and admins who are not leads, and changes nothing', async () => {
      const before = (await listAudit(server.services.db, f.studyId)).length;
      const admin = apiFor(server.services).client();
      await admin.post('/api/auth/login', { email: 'admin@example.org', password: 'admin-password' });
      expect((await fetchArchive(`/api/participants/${f.participantId}/subject-access`, f.cookie('owner'))).error).toBe('forbidden');
      expect((await fetchArchive(`/api/participants/${f.participantId}/subject-access`, f.cookie('auditor'))).status).toBe(403);
      expect((await fetchArchive(`/api/participants/${f.participantId}/subject-access`, admin.cookie!)).status).toBe(403);
      expect((await fetchArchive(`/api/participants/${f.participantId}/subject-access`, f.cookie('outsider'))).status).toBe(404);
      expect((await fetchArchive('/api/participants/nosuchparticipant/subject-access', f.cookie('lead'))).status).toBe(404);
      expect(await listAudit(server.services.db, f.studyId)).toHaveLength(before);
    });

    it("gives a user everything held about their account: account, memberships, their layers, comments, journal, theme proposals, audit events and reads", async () => {
      const { marks, themeId } = await seedWork();
      const owner = f.users.owner!;
      const r = await fetchArchive(`/api/users/${owner.id}/subject-access`, f.cookie('owner'));
      expect(r.status).toBe(200);
      const a = r.files;
      expect(JSON.parse(a['account.json']!)).toEqual({ id: owner.id, email: 'owner@example.org', name: 'owner', isAdmin: false, createdAt: expect.any(Number) });
      expect(JSON.parse(a['memberships.json']!)).toEqual([expect.objectContaining({ studyId: f.studyId, role: 'coder', studyTitle: 'Burnout in nursing' })]);
      expect(JSON.parse(a['sessions.json']!).length).toBeGreaterThan(0);
      expect(JSON.parse(a[`layers/${f.transcriptId}.json`]!).notes[0].text).toBe(`owner: ${marks.note}`);
      // Their layers everywhere, including P02's transcript; another coder's layer is not theirs.
      expect(Object.keys(a).filter((n) => n.startsWith('layers/'))).toHaveLength(2);
      expect(Object.values(a).join('\n')).not.toContain('repetition of long');
      expect(JSON.parse(a['discussion-comments.json']!)).toEqual([expect.objectContaining({ text: marks.comment, itemKey: 'i1' })]);
      expect(JSON.parse(a[`journals/${f.studyId}.json`]!).entries).toHaveLength(2);
      expect(JSON.parse(a['theme-proposals.json']!)).toEqual([expect.objectContaining({ studyId: f.studyId, themeId, proposerId: owner.id, rationale: marks.proposal, status: 'open' })]);
      expect(JSON.parse(a['access-log.json']!)).toEqual([expect.objectContaining({ target: `transcript:${f.transcriptId}`, door: 'rest' })]);
      expect(JSON.parse(a['manifest.json']!).subject).toEqual({ kind: 'user', id: owner.id, label: 'owner' });
      // Never the password hash or a session token's hash.
      expect(Object.values(a).join('\n')).not.toMatch(/\$argon2|password_hash|passwordHash/);
      expect((await listAudit(server.services.db, f.studyId)).at(-1)).toMatchObject({ action: 'privacy.subject_access', actorId: owner.id, target: `user:${owner.id}` });
    });

    it("lets an admin export any account but no one else another user's", async () => {
      const admin = apiFor(server.services).client();
      await admin.post('/api/auth/login', { email: 'admin@example.org', password: 'admin-password' });
      const owner = f.users.owner!.id;
      expect((await fetchArchive(`/api/users/${owner}/subject-access`, admin.cookie!)).status).toBe(200);
      for (const who of ['lead', 'other', 'auditor', 'outsider'] as const) expect([who, (await fetchArchive(`/api/users/${owner}/subject-access`, f.cookie(who))).error]).toEqual([who, 'forbidden']);
      expect((await fetchArchive('/api/users/nosuchuser/subject-access', admin.cookie!)).status).toBe(404);
    });

    if (dialect === 'sqlite') {
      it('writes the same archive from the command line, 0600, recorded with the door cli; a coder is refused with a message and exit 2', async () => {
        await seedWork();
        const dir = mkdtempSync(join(tmpdir(), 'concord-sar-'));
        try {
          const out = join(dir, 'p01.zip');
          const done = await runCli(['subject-access', 'participant', f.participantId, '--out', out, '--as', 'lead@example.org'], { DATA_DIR: env.dataDir });
          expect(done.stderr).toBe('');
          expect(done.code).toBe(0);
          expect(statSync(out).mode & 0o777).toBe(0o600);
          const files = unzipSync(new Uint8Array(readFileSync(out)));
          expect(strFromU8(files[`transcripts/${f.transcriptId}/transcript.txt`]!)).toContain('Long. Very long.');
          expect((await listAudit(server.services.db, f.studyId)).at(-1)).toMatchObject({ action: 'privacy.subject_access', data: { door: 'cli' } });
          const refused = await runCli(['subject-access', 'participant', f.participantId, '--out', join(dir, 'no.zip'), '--as', 'owner@example.org'], { DATA_DIR: env.dataDir });
          expect(refused.code).toBe(2);
          expect(refused.stderr).toMatch(/forbidden/);
          expect(() => statSync(join(dir, 'no.zip'))).toThrow();
          const usage = await runCli(['subject-access', 'someone'], { DATA_DIR: env.dataDir });
          expect([usage.code, usage.stderr]).toEqual([2, expect.stringMatching(/usage: concord subject-access/)]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
