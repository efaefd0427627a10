import type { BrowserContext } from 'playwright-core';
import { addCoding } from '../../shared/coding';
import { docName, codebookDocName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

/** Forty one-line turns, so line and turn units differ only where a coding stops mid-turn. */
const interview = (p: string) =>
  Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? `Interviewer: question ${i / 2 + 1} about the alliance?` : `${p}: answer ${(i + 1) / 2}, the room felt different then.`)).join('\n');

type Plan = Array<[coder: 'alice' | 'bob', theme: 'trust' | 'safety' | 'doubt' | 'rupture', from: number, to: number]>;

// Disagreements of every kind on P01: boundary (Trust, Safety), presence (Doubt), category (Trust
// over alice's Doubt), and a rare theme (Rupture) that triggers the prevalence warning.
const P01: Plan = [
  ['alice', 'trust', 1, 6], ['alice', 'safety', 10, 14], ['alice', 'doubt', 20, 24], ['alice', 'rupture', 30, 31],
  ['bob', 'trust', 2, 6], ['bob', 'safety', 10, 12], ['bob', 'doubt', 26, 28], ['bob', 'rupture', 30, 30], ['bob', 'trust', 20, 22],
];
const P02: Plan = [
  ['alice', 'trust', 3, 8], ['alice', 'doubt', 15, 18],
  ['bob', 'trust', 3, 9], ['bob', 'safety', 15, 17],
];

export interface SeededStudy {
  sid: string;
  /** P01's transcript, in reconciliation (its disagreements are visible to the lead). */
  t1: string;
  /** P02's transcript, still being coded blind. */
  t2: string;
  themes: Record<'trust' | 'safety' | 'doubt' | 'rupture' | 'unused', string>;
  users: Record<'lead' | 'alice' | 'bob' | 'auditor', { id: string; api: ApiClient }>;
}

/**
 * A blind study seeded through the API (accounts, study, members, transcripts, phases) and
 * withDoc (codebook and each coder's layer, written as that coder), as the agreement API tests do.
 */
export async function seedStudy(server: RunningServer): Promise<SeededStudy> {
  const s = server.services;
  const seeded = await seedUsers(s, ['lead', 'alice', 'bob', 'auditor']);
  const users = seeded.users as SeededStudy['users'];
  const lead = users.lead.api;
  const sid = (await lead.post('/api/studies', { title: 'Working alliance', codingMode: 'blind' })).json.study.id as string;
  for (const [who, role] of [['alice', 'coder'], ['bob', 'coder'], ['auditor', 'auditor']] as const) await joinStudy(lead, sid, `${who}@example.org`, role);
  const tids: string[] = [];
  for (const pseudonym of ['P01', 'P02']) {
    const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym })).json.participant;
    tids.push((await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: `Interview ${pseudonym}`, text: interview(pseudonym) })).json.transcript.id as string);
  }
  const [t1, t2] = tids as [string, string];
  const themes = await withDoc(s, codebookDocName(sid), (doc) => {
    const by = users.lead.id;
    const trust = addTheme(doc, { label: 'Trust', createdBy: by, color: '#4e79a7' });
    return {
      trust,
      safety: addTheme(doc, { label: 'Felt safety', parentId: trust, createdBy: by, color: '#59a14f' }),
      doubt: addTheme(doc, { label: 'Self-doubt', createdBy: by, color: '#e15759' }),
      rupture: addTheme(doc, { label: 'Rupture', createdBy: by, color: '#b07aa1' }),
      unused: addTheme(doc, { label: 'Supervision', createdBy: by, color: '#9c755f' }),
    };
  });
  for (const [tid, plan] of [[t1, P01], [t2, P02]] as const) {
    const t = (await lead.get(`/api/transcripts/${tid}`)).json as { text: string; lines: Array<{ start: number; end: number }> };
    for (const [coder, theme, from, to] of plan) {
      const ownerId = users[coder].id;
      await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId }), (doc) =>
        addCoding(doc, t.text.length, { themeId: themes[theme], start: t.lines[from - 1]!.start, end: t.lines[to - 1]!.end, createdAt: 1 }),
      ownerId);
    }
  }
  await lead.post(`/api/transcripts/${t1}/phase`, { phase: 'reconciling' });
  return { sid, t1, t2, themes, users };
}

/** A browser context signed in as a seeded user (their session cookie, no login form). */
export async function signedInContext(context: BrowserContext, url: string, api: ApiClient): Promise<BrowserContext> {
  const token = /concord_session=([^;]+)/.exec(api.cookie ?? '')?.[1];
  if (!token) throw new Error('the client is not signed in');
  await context.addCookies([{ name: 'concord_session', value: token, url }]);
  return context;
}
