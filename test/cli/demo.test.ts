import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disagreements } from '../../shared/agreement/disagreements';
import { readLayer } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { linesOf } from '../../shared/transcript';
import { DEMO_ACCOUNTS } from '../../server/demo/accounts';
import { codingsOf } from '../../server/demo/codingsOf';
import { DEMO_CODEBOOK, DEMO_LEVELS } from '../../server/demo/content/codebook';
import { DEMO_INTERVIEWS } from '../../server/demo/content/interviews';
import { DEMO_STUDY } from '../../server/demo/content/study';
import type { DemoTheme } from '../../server/demo/content/types';
import { loadDoc } from '../../server/ydocs/loadDoc';
import { type Services, createServices } from '../../server/services';
import { summarizeDocAuthors } from '../../server/store/docLog';
import { findUserByEmail } from '../../server/store/users';
import { type TestEnv, testEnv } from '../helpers/env';
import { type ApiClient, apiFor } from '../helpers/http';

const PASSWORD = 'demo-password-for-tests';

// The demo runs as the real CLI process against a real SQLite file; the results are then read
// back through the HTTP API and the store, as a newcomer's browser and the server would read them.
describe('concord demo', () => {
  let env: TestEnv;
  let s: Services;
  let first: ReturnType<typeof run>;
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['bin/concord.js', 'demo', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: env.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });

  beforeAll(async () => {
    env = testEnv('sqlite');
    first = run(['--password', PASSWORD]);
    s = await createServices({ ...env.config, databaseUrl: null }, env.options);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await env.cleanup();
  });

  async function signIn(email: string): Promise<ApiClient> {
    const api = apiFor(s).client();
    const r = await api.post('/api/auth/login', { email, password: PASSWORD });
    expect(r.status, `login of ${email}`).toBe(200);
    return api;
  }

  async function theStudy(api: ApiClient) {
    const studies = (await api.get('/api/studies')).json.studies as { id: string; title: string }[];
    const study = studies.find((x) => x.title === DEMO_STUDY.title);
    expect(study).toBeDefined();
    return study!;
  }

  it('exits 0 and prints the four accounts with the chosen password', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    for (const a of DEMO_ACCOUNTS) expect(first.stdout).toMatch(new RegExp(`${a.email.replace(/\./g, '\\.')}\\s+${a.role}\\s+${PASSWORD}`));
  });

  it('creates four accounts that can sign in, with their roles in a blind study with four custom levels', async () => {
    const lead = await signIn('lead@demo.concord');
    for (const a of DEMO_ACCOUNTS.slice(1)) await signIn(a.email);
    const study = await theStudy(lead);
    const detail = (await lead.get(`/api/studies/${study.id}`)).json.study;
    expect(detail).toMatchObject({ codingMode: 'blind', role: 'lead', terminology: { kind: 'custom', levels: [...DEMO_LEVELS] } });
    const members = (await lead.get(`/api/studies/${study.id}/members`)).json.members as { email: string; role: string }[];
    expect(Object.fromEntries(members.map((m) => [m.email, m.role]))).toEqual(Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.email, a.role])));
  });

  it('imports four transcripts of at least 200 numbered lines, one per participant', async () => {
    const lead = await signIn('lead@demo.concord');
    const study = await theStudy(lead);
    const participants = (await lead.get(`/api/studies/${study.id}/participants`)).json.participants as { pseudonym: string }[];
    expect(participants.map((p) => p.pseudonym)).toEqual(['P01', 'P02', 'P03', 'P04']);
    const transcripts = (await lead.get(`/api/studies/${study.id}/transcripts`)).json.transcripts as { id: string }[];
    expect(transcripts).toHaveLength(4);
    for (const t of transcripts) {
      const full = (await lead.get(`/api/transcripts/${t.id}`)).json;
      expect(full.lines.length).toBeGreaterThanOrEqual(200);
      expect(new Set(full.turns.map((turn: { speaker: string }) => turn.speaker)).size).toBe(2);
    }
  });

  it('builds the theme tree four levels deep, named by the study levels', async () => {
    const auditor = await signIn('auditor@demo.concord');
    const study = await theStudy(auditor);
    const tree = (await auditor.get(`/api/studies/${study.id}/themes`)).json;
    expect(tree.problems).toEqual([]);
    expect(tree.levels.names).toEqual([...DEMO_LEVELS]);
    expect(tree.themes).toHaveLength(flatten(DEMO_CODEBOOK).length);
    const byDepth = (d: number) => tree.themes.filter((t: { depth: number }) => t.depth === d);
    expect(byDepth(1)).toHaveLength(3);
    expect(byDepth(2)).toHaveLength(9);
    expect(byDepth(4).length).toBeGreaterThan(0);
    expect(byDepth(4)[0].levelName).toBe('Sub-theme');
  });

  it("writes both coders' layers, authored by them, with codings on exactly the anchored quotes", async () => {
    const lead = await signIn('lead@demo.concord');
    const study = await theStudy(lead);
    const tree = (await lead.get(`/api/studies/${study.id}/themes`)).json as { themes: { id: string; label: string; parentId: string | null }[] };
    const labelOf = new Map(tree.themes.map((t) => [t.id, t.label]));
    const keyLabel = new Map(flatten(DEMO_CODEBOOK).map((t) => [t.key, t.label]));
    const transcripts = (await lead.get(`/api/studies/${study.id}/transcripts`)).json.transcripts as { id: string; participantId: string }[];
    const participants = (await lead.get(`/api/studies/${study.id}/participants`)).json.participants as { id: string; pseudonym: string }[];
    const kinds = new Set<string>();

    for (const t of transcripts) {
      const pseudonym = participants.find((p) => p.id === t.participantId)!.pseudonym;
      const interview = DEMO_INTERVIEWS.find((i) => i.participant.pseudonym === pseudonym)!;
      const full = (await lead.get(`/api/transcripts/${t.id}`)).json as { text: string };
      const layers = [];
      for (const coder of ['coder1', 'coder2'] as const) {
        const owner = (await findUserByEmail(s.db, `${coder}@demo.concord`))!;
        const name = docName({ kind: 'layer', transcriptId: t.id, ownerId: owner.id });
        const { doc } = await loadDoc(s.db, name);
        const layer = readLayer(doc, full.text.length);
        doc.destroy();
        expect(layer.problems).toEqual([]);
        // Wrapping turned some spaces of a quote into line breaks; nothing else differs.
        const seen = layer.codings.map((c) => `${labelOf.get(c.themeId)} | ${full.text.slice(c.start, c.end).replace(/\n/g, ' ')}`);
        const expected = codingsOf(interview.passages, coder).map((c) => `${keyLabel.get(c.themeKey)} | ${c.quote}`);
        expect(seen.sort()).toEqual(expected.sort());
        expect(layer.codings.length).toBeGreaterThanOrEqual(25);
        expect(layer.notes.length).toBeGreaterThan(0);
        expect(layer.statements.length).toBeGreaterThan(0);
        // The coder, not the server, is the author of every logged update of the layer.
        expect((await summarizeDocAuthors(s.db, name)).map((a) => a.authorId)).toEqual([owner.id]);
        layers.push({ coder, codings: layer.codings });
      }
      const regions = disagreements({ id: t.id, length: full.text.length, lines: linesOf(full.text), layers }, tree.themes);
      expect(regions.length, `${pseudonym} has disagreements`).toBeGreaterThan(0);
      for (const r of regions) kinds.add(r.kind);
    }
    expect([...kinds].sort()).toEqual(['boundary', 'category', 'presence']);
  });

  it('refuses a second run with a clear message and exit code 1, changing nothing', async () => {
    const again = run(['--password', PASSWORD]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/demo was seeded on this instance already/);
    const lead = await signIn('lead@demo.concord');
    const studies = (await lead.get('/api/studies')).json.studies as unknown[];
    expect(studies).toHaveLength(1);
  });

  it('rejects a password shorter than 8 characters as a usage error', () => {
    const r = run(['--password', 'short']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/at least 8 characters/);
  });
});

function flatten(themes: readonly DemoTheme[]): DemoTheme[] {
  return themes.flatMap((t) => [t, ...flatten(t.children ?? [])]);
}
