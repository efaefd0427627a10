import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol';
import type { RunningServer } from '../../server/server';
import { summarizeDocAuthors } from '../../server/store/docLog';
import { eventually, testDialects, testServer } from '../helpers/env';
import { type StudyFixture, docs, openClient, seedStudy, serverDoc, synced, upgradeOutcome } from '../helpers/collab';
import { joinStudy } from '../helpers/http';

type Role = 'lead' | 'owner' | 'other' | 'auditor' | 'outsider' | 'anonymous';
type Outcome = 'write' | 'read' | 'none' | 'unauthenticated';
type Doc = 'codebook' | 'privateCodebook' | 'journal' | 'codebookMap' | 'writeup' | 'layer' | 'consensus' | 'discussion';
type Phase = 'coding' | 'reconciling' | 'final';
type Mode = 'open' | 'blind';

const W = 'write', R = 'read', N = 'none', U = 'unauthenticated';
// The expected outcome of every cell, written out by hand from DESIGN.md section 4 and the
// decisions in docs/permissions.md (not computed with shared/access.ts, which it checks).
// `owner` is the coder whose layer (and private codebook) is tested; `other` is another coder.
// Blind mode has independent themes: coders read the shared codebook and write their own
// private codebook, which others read only once the themes are revealed. The states below are
// visited in order and the first reveal (entering reconciling) reveals the themes for good.
//                                       lead owner other auditor outsider anonymous
const MATRIX: Array<[Doc, Phase, Mode, [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]]> = [
  ['codebook', 'coding', 'open', [W, W, W, R, N, U]],
  ['codebook', 'coding', 'blind', [W, R, R, R, N, U]],
  ['codebook', 'reconciling', 'open', [W, W, W, R, N, U]],
  ['codebook', 'reconciling', 'blind', [W, R, R, R, N, U]],
  ['codebook', 'final', 'open', [W, W, W, R, N, U]],
  ['codebook', 'final', 'blind', [W, R, R, R, N, U]],
  ['privateCodebook', 'coding', 'open', [R, W, R, R, N, U]],
  ['privateCodebook', 'coding', 'blind', [N, W, N, R, N, U]],
  ['privateCodebook', 'reconciling', 'blind', [R, W, R, R, N, U]],
  ['privateCodebook', 'reconciling', 'open', [R, W, R, R, N, U]],
  ['privateCodebook', 'final', 'open', [R, W, R, R, N, U]],
  ['privateCodebook', 'final', 'blind', [R, W, R, R, N, U]],
  // A reflexive journal: private under the same rule; its owner writes it in every phase.
  ['journal', 'coding', 'open', [R, W, R, R, N, U]],
  ['journal', 'coding', 'blind', [N, W, N, R, N, U]],
  ['journal', 'reconciling', 'blind', [R, W, R, R, N, U]],
  ['journal', 'reconciling', 'open', [R, W, R, R, N, U]],
  ['journal', 'final', 'open', [R, W, R, R, N, U]],
  ['journal', 'final', 'blind', [R, W, R, R, N, U]],
  // The codebook reconciliation (decisions on private themes): written by the server only, read
  // under the private codebooks' rule (every member once revealed, auditors always).
  ['codebookMap', 'coding', 'open', [R, R, R, R, N, U]],
  ['codebookMap', 'coding', 'blind', [N, N, N, R, N, U]],
  ['codebookMap', 'reconciling', 'blind', [R, R, R, R, N, U]],
  ['codebookMap', 'reconciling', 'open', [R, R, R, R, N, U]],
  ['codebookMap', 'final', 'open', [R, R, R, R, N, U]],
  ['codebookMap', 'final', 'blind', [R, R, R, R, N, U]],
  // The write-up of the table of themes (key quotes, order): every member reads it as they read
  // the table, in every phase and mode; written by the server only (the lead's REST commands).
  ['writeup', 'coding', 'open', [R, R, R, R, N, U]],
  ['writeup', 'coding', 'blind', [R, R, R, R, N, U]],
  ['writeup', 'reconciling', 'blind', [R, R, R, R, N, U]],
  ['writeup', 'reconciling', 'open', [R, R, R, R, N, U]],
  ['writeup', 'final', 'open', [R, R, R, R, N, U]],
  ['writeup', 'final', 'blind', [R, R, R, R, N, U]],
  ['layer', 'coding', 'open', [R, W, R, R, N, U]],
  ['layer', 'coding', 'blind', [N, W, N, R, N, U]],
  ['layer', 'reconciling', 'open', [R, R, R, R, N, U]],
  ['layer', 'reconciling', 'blind', [R, R, R, R, N, U]],
  ['layer', 'final', 'open', [R, R, R, R, N, U]],
  ['layer', 'final', 'blind', [R, R, R, R, N, U]],
  ['consensus', 'coding', 'open', [N, N, N, R, N, U]],
  ['consensus', 'coding', 'blind', [N, N, N, R, N, U]],
  ['consensus', 'reconciling', 'open', [W, R, R, R, N, U]],
  ['consensus', 'reconciling', 'blind', [W, R, R, R, N, U]],
  ['consensus', 'final', 'open', [R, R, R, R, N, U]],
  ['consensus', 'final', 'blind', [R, R, R, R, N, U]],
  ['discussion', 'coding', 'open', [N, N, N, R, N, U]],
  ['discussion', 'coding', 'blind', [N, N, N, R, N, U]],
  ['discussion', 'reconciling', 'open', [R, R, R, R, N, U]],
  ['discussion', 'reconciling', 'blind', [R, R, R, R, N, U]],
  ['discussion', 'final', 'open', [R, R, R, R, N, U]],
  ['discussion', 'final', 'blind', [R, R, R, R, N, U]],
];
const ROLES: Role[] = ['lead', 'owner', 'other', 'auditor', 'outsider', 'anonymous'];
// Reachable in this order: phases move one step at a time, the mode flips freely.
const STATES: Array<[Phase, Mode]> = [
  ['coding', 'open'],
  ['coding', 'blind'],
  ['reconciling', 'blind'],
  ['reconciling', 'open'],
  ['final', 'open'],
  ['final', 'blind'],
];

for (const dialect of testDialects()) {
  describe(`permission matrix over real sockets (${dialect})`, () => {
    let server: RunningServer;
    let close: () => Promise<void>;
    let f: StudyFixture;

    beforeAll(async () => {
      ({ server, close } = await testServer(dialect));
      f = await seedStudy(server.services, 'open');
    });
    afterAll(async () => close());

    async function enter(phase: Phase, mode: Mode) {
      const lead = f.api('lead');
      expect((await lead.patch(`/api/studies/${f.studyId}`, { codingMode: mode })).status).toBe(200);
      expect((await lead.post(`/api/transcripts/${f.transcriptId}/phase`, { phase })).status).toBe(200);
    }

    async function check(doc: Doc, role: Role, expected: Outcome, tag: string): Promise<string> {
      const name = docs[doc](f);
      const where = `${doc} ${tag} as ${role}`;
      if (role === 'anonymous') {
        const r = await upgradeOutcome(server, `/collab/${name}`, { origin: server.url });
        return r.status === 401 ? 'unauthenticated' : `${where}: HTTP ${r.status}`;
      }
      const c = openClient(server, name, f.cookie(role), { persisted: true });
      try {
        const outcome = (await eventually(() => (c.provider.synced ? 'open' : c.closes.includes(CloseCode.Forbidden.code) ? 'none' : c.closes.length ? `closed ${c.closes.join()}` : null))) as string;
        if (outcome !== 'open') return outcome;
        // Synced: try to write a marker and see whether the server kept it.
        const marker = `${role}:${tag}`;
        const answered = c.syncStep2Count();
        c.doc.getArray<string>('probe').push([marker]);
        // Writers get a `persisted` ack covering the marker; readers get a no-op SyncStep2.
        await eventually(() => c.isSaved() || c.syncStep2Count() > answered);
        const kept = await serverDoc(server.services, name, (d) => d.getArray<string>('probe').toArray().includes(marker));
        return kept ? 'write' : 'read';
      } finally {
        c.destroy();
      }
    }

    it('gives every role exactly its access to every document in every phase and mode', async () => {
      const mismatches: string[] = [];
      let cells = 0;
      for (const [phase, mode] of STATES) {
        await enter(phase, mode);
        const tag = `${phase}/${mode}`;
        const rows = MATRIX.filter(([, p, m]) => p === phase && m === mode);
        await Promise.all(
          rows.flatMap(([doc, , , outcomes]) =>
            ROLES.map(async (role, i) => {
              cells++;
              const got = await check(doc, role, outcomes[i]!, tag);
              if (got !== outcomes[i]) mismatches.push(`${doc} ${tag} ${role}: expected ${outcomes[i]}, got ${got}`);
            }),
          ),
        );
      }
      expect(mismatches).toEqual([]);
      expect(cells).toBe(MATRIX.length * ROLES.length);
      // Read-only attempts left no trace in the log: only writers authored rows.
      const authorsOf = async (doc: Doc) => (await summarizeDocAuthors(server.services.db, docs[doc](f))).map((a) => a.authorId).sort();
      expect(await authorsOf('layer')).toEqual([f.users.owner!.id]);
      expect(await authorsOf('privateCodebook')).toEqual([f.users.owner!.id]);
      expect(await authorsOf('journal')).toEqual([f.users.owner!.id]);
      expect((await authorsOf('codebook')).sort()).toEqual([f.users.lead!.id, f.users.other!.id, f.users.owner!.id].sort());
      expect(await authorsOf('consensus')).toEqual([f.users.lead!.id]);
      expect(await authorsOf('discussion')).toEqual([]);
      expect(await authorsOf('codebookMap')).toEqual([]);
      expect(await authorsOf('writeup')).toEqual([]);
    });

    it('follows the codebook phase: coders write only while it is open, nobody once final', async () => {
      // Open mode: the shared codebook as the phase says; the owner's private codebook likewise.
      expect((await f.api('lead').patch(`/api/studies/${f.studyId}`, { codingMode: 'open' })).status).toBe(200);
      const expectations: Array<[string, Record<'lead' | 'owner' | 'auditor', Outcome>, Outcome]> = [
        ['locked', { lead: W, owner: R, auditor: R }, R],
        ['final', { lead: R, owner: R, auditor: R }, R],
        ['open', { lead: W, owner: W, auditor: R }, W],
      ];
      for (const [codebookPhase, expected, ownPrivate] of expectations) {
        expect((await f.api('lead').patch(`/api/studies/${f.studyId}`, { codebookPhase })).status).toBe(200);
        for (const role of ['lead', 'owner', 'auditor'] as const) {
          expect(`${role} ${codebookPhase}: ${await check('codebook', role, expected[role], `codebook-${codebookPhase}`)}`).toBe(`${role} ${codebookPhase}: ${expected[role]}`);
        }
        expect(`own private ${codebookPhase}: ${await check('privateCodebook', 'owner', ownPrivate, `private-${codebookPhase}`)}`).toBe(`own private ${codebookPhase}: ${ownPrivate}`);
      }
    });

    it('keeps private codebooks private in open mode with independent themes until the lead reveals them', async () => {
      // A second study of the same people (the first one's themes are revealed for good by now).
      const lead = f.api('lead');
      const created = await lead.post('/api/studies', { title: 'Independent themes', codingMode: 'open' });
      const g: StudyFixture = { ...f, studyId: created.json.study.id as string };
      for (const [name, role] of [['owner', 'coder'], ['other', 'coder'], ['auditor', 'auditor']] as const) {
        expect((await joinStudy(lead, g.studyId, f.users[name]!.email, role)).status).toBe(200);
      }
      const probe = async (doc: Doc, role: Role, tag: string) => {
        const saved = f;
        f = g;
        try {
          return await check(doc, role, 'none', tag);
        } finally {
          f = saved;
        }
      };
      const row = async (doc: Doc, tag: string) => Promise.all((['lead', 'owner', 'other', 'auditor', 'outsider'] as const).map((r) => probe(doc, r, tag)));
      expect(await row('privateCodebook', 'open')).toEqual([R, W, R, R, N]);
      expect((await lead.patch(`/api/studies/${g.studyId}`, { independentThemes: true })).status).toBe(200);
      expect(await row('privateCodebook', 'independent')).toEqual([N, W, N, R, N]);
      expect(await row('journal', 'independent')).toEqual([N, W, N, R, N]);
      expect(await row('codebookMap', 'independent')).toEqual([N, N, N, R, N]);
      expect(await row('writeup', 'independent')).toEqual([R, R, R, R, N]);
      expect(await row('codebook', 'independent')).toEqual([W, R, R, R, N]);
      // Only a lead reveals; a coder's attempt is refused and changes nothing.
      const refused = await g.api('owner').post(`/api/studies/${g.studyId}/themes/reveal`, {});
      expect([refused.status, refused.json.error.code]).toEqual([403, 'forbidden']);
      expect(await row('privateCodebook', 'still-independent')).toEqual([N, W, N, R, N]);
      const revealed = await lead.post(`/api/studies/${g.studyId}/themes/reveal`, {});
      expect([revealed.status, revealed.json.revealed]).toEqual([200, true]);
      expect((await lead.post(`/api/studies/${g.studyId}/themes/reveal`, {})).json).toEqual({ revealed: false, themesRevealedAt: revealed.json.themesRevealedAt });
      expect(await row('privateCodebook', 'revealed')).toEqual([R, W, R, R, N]);
      expect(await row('journal', 'revealed')).toEqual([R, W, R, R, N]);
      expect(await row('codebookMap', 'revealed')).toEqual([R, R, R, R, N]);
      // The shared codebook stays the lead's while independent themes are on.
      expect(await row('codebook', 'revealed')).toEqual([W, R, R, R, N]);
    });
  });
}
