/**
 * The IPA study of issue 15's performance paragraph, seeded into a real server on SQLite: 16
 * participants x 1,200 lines x 3 coders in a blind study (30,000 codings, 4,992 experiential
 * statements, 312 themes: the lead's 60 shared themes and each coder's 80 PETs clustered into 4
 * GETs), 16 consensus layers of 600 codings, every transcript `reconciling` and the themes
 * revealed. The server benchmark (bench/ipaBoards.ts) and the screens' browser benchmark
 * (bench/ipaScreens.ts) measure the same study.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCluster, addGroupTheme, placePet } from '../../shared/boards';
import { addCoding, addStatement } from '../../shared/coding';
import { codebookDocName, consensusDocName, docName } from '../../shared/docNames';
import { addTheme, readThemeTree } from '../../shared/themes';
import { mulberry32 } from '../../shared/agreement/prng';
import { createSession } from '../../server/auth/sessions';
import { createStudy } from '../../server/commands/studies/studies';
import { parseConfig } from '../../server/config';
import { newId } from '../../server/ids';
import { type RunningServer, startServer } from '../../server/server';
import { insertMember } from '../../server/store/members';
import { markThemesRevealed } from '../../server/store/studies';
import { updateTranscriptPhase } from '../../server/store/transcripts';
import { type User, insertUser } from '../../server/store/users';
import { withDoc } from '../../server/ydocs/withDoc';

export const PARTICIPANTS = 16;
export const LINES = 1_200;
export const CODERS = ['alice', 'bob', 'carol'] as const;
const CODINGS_PER_LAYER = 625; // 16 x 3 x 625 = 30,000
const STATEMENTS_PER_LAYER = 104; // 16 x 3 x 104 = 4,992
const SHARED_THEMES = 60;
const PETS_PER_CASE = 5; // 16 x 5 x 3 = 240 private PETs (with the shared 60: 300 themes)
export const CONSENSUS_PER_TRANSCRIPT = 600;

export interface IpaStudy {
  server: RunningServer;
  /** The lead's session token and cookie header. */
  token: string;
  cookie: string;
  studyId: string;
  transcriptIds: string[];
  coders: User[];
  study: { participants: number; lines: number; coders: number; codings: number; consensusCodings: number; statements: number; themes: number };
  seedMs: number;
  /** A GET as the lead, parsed. */
  get: (path: string) => Promise<unknown>;
  close: () => Promise<void>;
}

/** Seeds the study; `rand` draws every random choice (the same seed gives the same study). */
export async function seedIpaStudy(rand: () => number = mulberry32(15)): Promise<IpaStudy> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const WORDS = 'the session felt safe because she listened and I stopped watching the clock for once then fear came back later'.split(' ');
  const sentence = () => Array.from({ length: 7 }, () => pick(WORDS)).join(' ');
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-ipa-bench-'));
  const server = await startServer(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', PORT: '0' }));
  const s = server.services;
  const now = Date.now();
  const seedStart = performance.now();
  const lead = await insertUser(s.db, { id: newId(), email: 'lead@bench.example', name: 'lead', passwordHash: 'x', isAdmin: false, now });
  const { token } = await createSession(s.db, lead.id, now);
  const cookie = `concord_session=${token}`;
  const coders: User[] = [];
  for (const name of CODERS) coders.push(await insertUser(s.db, { id: newId(), email: `${name}@bench.example`, name, passwordHash: 'x', isAdmin: false, now }));
  const study = await createStudy(s, { user: lead, sessionId: null }, { title: 'IPA boards bench', codingMode: 'blind' });
  for (const c of coders) await insertMember(s.db, { studyId: study.id, userId: c.id, role: 'coder', now });
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: new URL(server.url).origin }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as Record<string, { id: string }>;
  };
  const get = async (path: string) => {
    const r = await fetch(`${server.url}${path}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<unknown>;
  };
  const shared = await withDoc(s, codebookDocName(study.id), (doc) => {
    const ids: string[] = [];
    for (let i = 0; i < SHARED_THEMES; i++) ids.push(addTheme(doc, { label: `Shared ${i + 1}`, parentId: i < 10 ? null : ids[i % 10]!, createdBy: lead.id, createdAt: now }));
    return ids;
  });
  const tids: string[] = [];
  let statements = 0;
  let codings = 0;
  for (let p = 0; p < PARTICIPANTS; p++) {
    const pseudonym = `P${String(p + 1).padStart(2, '0')}`;
    const participant = (await post(`/api/studies/${study.id}/participants`, { pseudonym })).participant!;
    const text = Array.from({ length: LINES }, (_, i) => `${i % 2 ? pseudonym : 'Interviewer'}: ${sentence()}.`).join('\n');
    const tid = (await post(`/api/studies/${study.id}/transcripts`, { participantId: participant.id, title: `Interview ${pseudonym}`, text })).transcript!.id;
    tids.push(tid);
    const loaded = (await get(`/api/transcripts/${tid}`)) as { text: string; lines: Array<{ start: number; end: number }> };
    const n = loaded.text.length;
    const span = () => {
      const line = pick(loaded.lines);
      const start = line.start + Math.floor(rand() * Math.max(1, line.end - line.start - 12));
      return { start, end: Math.min(line.end, start + 12) };
    };
    for (const c of coders) {
      const privName = docName({ kind: 'privateCodebook', studyId: study.id, ownerId: c.id });
      const pets = await withDoc(s, codebookDocName(study.id), (sh) =>
        withDoc(s, privName, (mine) => Array.from({ length: PETS_PER_CASE }, (_, k) => addCluster(mine, readThemeTree(sh, [{ ownerId: c.id, doc: mine }]), { label: `${pseudonym} PET ${k + 1}`, caseId: tid, createdBy: c.id }, sh))),
      );
      await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: c.id }), (doc) => {
        for (let i = 0; i < CODINGS_PER_LAYER; i++) addCoding(doc, n, { themeId: rand() < 0.5 ? pick(shared) : pick(pets), ...span(), createdAt: now });
        for (let i = 0; i < STATEMENTS_PER_LAYER; i++) addStatement(doc, n, { text: sentence(), ...span(), themeIds: [pick(pets), ...(rand() < 0.2 ? [pick(pets)] : [])], createdAt: now });
      }, c.id);
      codings += CODINGS_PER_LAYER;
      statements += STATEMENTS_PER_LAYER;
    }
    await withDoc(s, consensusDocName(tid), (doc) => {
      for (let i = 0; i < CONSENSUS_PER_TRANSCRIPT; i++) addCoding(doc, n, { themeId: pick(shared), ...span(), createdAt: now });
    });
    await updateTranscriptPhase(s.db, tid, 'reconciling');
  }
  // Each coder clusters their PETs into GETs: 4 GETs, every PET placed.
  for (const c of coders) {
    const privName = docName({ kind: 'privateCodebook', studyId: study.id, ownerId: c.id });
    await withDoc(s, codebookDocName(study.id), (sh) =>
      withDoc(s, privName, (mine) => {
        const tree = () => readThemeTree(sh, [{ ownerId: c.id, doc: mine }]);
        const gets = Array.from({ length: 4 }, (_, k) => addGroupTheme(mine, tree(), { label: `GET ${k + 1}`, createdBy: c.id }, sh));
        const t = tree();
        for (const pet of t.themes.filter((x) => x.caseId !== null && x.owner === c.id)) placePet(mine, t, pet.id, pick(gets), sh);
      }),
    );
  }
  await markThemesRevealed(s.db, study.id, now);
  const themeCount = ((await get(`/api/studies/${study.id}/themes`)) as { themes: unknown[] }).themes.length;
  const seedMs = performance.now() - seedStart;

  return {
    server,
    token,
    cookie,
    studyId: study.id,
    transcriptIds: tids,
    coders,
    study: { participants: PARTICIPANTS, lines: LINES, coders: CODERS.length, codings, consensusCodings: PARTICIPANTS * CONSENSUS_PER_TRANSCRIPT, statements, themes: themeCount },
    seedMs: Math.round(seedMs),
    get,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
