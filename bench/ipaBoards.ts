/**
 * IPA boards benchmark (issue 15 item 4/5): a blind study of 16 participants x 1,200 lines x 3
 * coders (about 30,000 codings, 5,000 experiential statements, 300 themes: the lead's shared
 * codebook and each coder's private PETs and GETs), themes revealed and every transcript
 * reconciling with a consensus layer. Measures, over HTTP against a real server on SQLite, the
 * participant board, the board across participants and the table of themes as the lead reads
 * them (every private codebook included). Target: p95 under 200 ms each.
 *
 * Run: nice -n 5 node bin/run-ts.js bench/ipaBoards.ts   (JSON on stdout and in bench/results/)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCluster, addGroupTheme, placePet } from '../shared/boards';
import { addCoding, addStatement } from '../shared/coding';
import { codebookDocName, consensusDocName, docName } from '../shared/docNames';
import { addTheme, readThemeTree } from '../shared/themes';
import { createSession } from '../server/auth/sessions';
import { createStudy } from '../server/commands/studies/studies';
import { parseConfig } from '../server/config';
import { newId } from '../server/ids';
import { startServer } from '../server/server';
import { insertMember } from '../server/store/members';
import { markThemesRevealed } from '../server/store/studies';
import { updateTranscriptPhase } from '../server/store/transcripts';
import { type User, insertUser } from '../server/store/users';
import { withDoc } from '../server/ydocs/withDoc';
import { pct } from './lib/stats';
import { mulberry32 } from '../shared/agreement/prng';

const PARTICIPANTS = 16;
const LINES = 1_200;
const CODERS = ['alice', 'bob', 'carol'] as const;
const CODINGS_PER_LAYER = 625; // 16 x 3 x 625 = 30,000
const STATEMENTS_PER_LAYER = 104; // 16 x 3 x 104 = 4,992
const SHARED_THEMES = 60;
const PETS_PER_CASE = 5; // 16 x 5 x 3 = 240 private PETs (with the shared 60: 300 themes)
const CONSENSUS_PER_TRANSCRIPT = 600;
const SAMPLES = 60;
const TARGET_P95_MS = 200;

const rand = mulberry32(15);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const WORDS = 'the session felt safe because she listened and I stopped watching the clock for once then fear came back later'.split(' ');
const sentence = () => Array.from({ length: 7 }, () => pick(WORDS)).join(' ');

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-ipa-bench-'));
  const server = await startServer(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', PORT: '0' }));
  const s = server.services;
  const now = Date.now();
  const seedStart = performance.now();
  const lead = await insertUser(s.db, { id: newId(), email: 'lead@bench.example', name: 'lead', passwordHash: 'x', isAdmin: false, now });
  const cookie = `concord_session=${(await createSession(s.db, lead.id, now)).token}`;
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

  const views: Record<string, () => string> = {
    caseBoard: () => `/api/transcripts/${pick(tids)}/boards/${pick(coders).id}`,
    groupBoard: () => `/api/studies/${study.id}/boards/${pick(coders).id}`,
    tableOfThemes: () => `/api/studies/${study.id}/themes/table`,
  };
  const results: Record<string, { p50Ms: number | null; p95Ms: number | null; maxMs: number | null; bytes: number; met: boolean }> = {};
  for (const [name, path] of Object.entries(views)) {
    for (let i = 0; i < 5; i++) await get(path()); // warm: documents loaded into the registry
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      const r = await fetch(`${server.url}${path()}`, { headers: { cookie } });
      const body = await r.text();
      times.push(performance.now() - t0);
      if (!r.ok) throw new Error(`${name}: ${r.status}`);
      bytes = body.length;
    }
    const p95 = pct(times, 95);
    results[name] = { p50Ms: pct(times, 50), p95Ms: p95, maxMs: pct(times, 100), bytes, met: p95 !== null && p95 < TARGET_P95_MS };
  }
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const out = {
    bench: 'ipaBoards',
    at: new Date().toISOString(),
    node: process.version,
    loadAverage1m: loadavg()[0],
    study: { participants: PARTICIPANTS, lines: LINES, coders: CODERS.length, codings, consensusCodings: PARTICIPANTS * CONSENSUS_PER_TRANSCRIPT, statements, themes: themeCount },
    seedMs: Math.round(seedMs),
    samples: SAMPLES,
    targetP95Ms: TARGET_P95_MS,
    results,
  };
  const json = JSON.stringify(out, null, 2);
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ipaBoards.json'), json);
  process.stdout.write(`${json}\n`);
  if (!Object.values(results).every((r) => r.met)) process.exitCode = 1;
}

await main();
