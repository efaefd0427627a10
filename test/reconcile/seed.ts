import { addCoding } from '../../shared/coding';
import { docName, codebookDocName } from '../../shared/docNames';
import { addTheme, setLevels } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

export const TEXT = Array.from({ length: 12 }, (_, i) => `P07: this is line ${i + 1} of what I said`).join('\n');

export interface Seeded {
  sid: string;
  tid: string;
  pid: string;
  ids: Record<string, string>;
  api: Record<'lead' | 'alice' | 'bob' | 'auditor' | 'outsider', ApiClient>;
  themes: { trust: string; doubt: string; hope: string; fear: string };
  lines: Array<{ n: number; start: number; end: number }>;
  /** [start, end) of lines a..b (1-based). */
  span: (a: number, b: number) => { start: number; end: number };
}

/**
 * A blind study with a lead, two coders (alice, bob) and an auditor; one transcript of 12 lines
 * by participant P07, coded so that every disagreement kind appears:
 * Trust: alice 1-4, bob 1-3 (agreed 1-3, boundary l. 4); alice 6 (category: bob coded Doubt on 6);
 * Hope: alice 8-9, bob 9-10 (agreed 9; l. 8 and l. 10 disputed); Fear: bob 12 only.
 */
export async function seedReconciliation(s: Services): Promise<Seeded> {
  const users = await seedUsers(s, ['lead', 'alice', 'bob', 'auditor', 'outsider']);
  const u = users.users;
  const ids = Object.fromEntries(Object.entries(u).map(([k, v]) => [k, v.id]));
  const api = { lead: u.lead!.api, alice: u.alice!.api, bob: u.bob!.api, auditor: u.auditor!.api, outsider: u.outsider!.api };
  const sid = (await api.lead.post('/api/studies', { title: 'Night shifts', codingMode: 'blind' })).json.study.id as string;
  for (const [name, role] of [['alice', 'coder'], ['bob', 'coder'], ['auditor', 'auditor']] as const) await joinStudy(api.lead, sid, u[name]!.email, role);
  const pid = (await api.lead.post(`/api/studies/${sid}/participants`, { pseudonym: 'P07' })).json.participant.id as string;
  const tid = (await api.lead.post(`/api/studies/${sid}/transcripts`, { participantId: pid, title: 'Interview 7', text: TEXT })).json.transcript.id as string;
  const lines = (await api.lead.get(`/api/transcripts/${tid}`)).json.lines as Seeded['lines'];
  const span = (a: number, b: number) => ({ start: lines[a - 1]!.start, end: lines[b - 1]!.end });
  const themes = await withDoc(s, codebookDocName(sid), (doc) => {
    setLevels(doc, ['Area', 'Theme']);
    return {
      trust: addTheme(doc, { label: 'Trust', createdBy: ids.lead! }),
      doubt: addTheme(doc, { label: 'Doubt', createdBy: ids.lead! }),
      hope: addTheme(doc, { label: 'Hope', createdBy: ids.lead! }),
      fear: addTheme(doc, { label: 'Fear', createdBy: ids.lead! }),
    };
  });
  const seeded = { sid, tid, pid, ids, api, themes, lines, span };
  await codeAsSeeded(s, seeded, tid);
  return seeded;
}

/** Another transcript of P07 with the same text, coded like the first one (every disagreement kind). */
export async function addCodedTranscript(s: Services, seeded: Seeded, title: string): Promise<string> {
  const tid = (await seeded.api.lead.post(`/api/studies/${seeded.sid}/transcripts`, { participantId: seeded.pid, title, text: TEXT })).json.transcript.id as string;
  await codeAsSeeded(s, seeded, tid);
  return tid;
}

async function codeAsSeeded(s: Services, { ids, themes, span }: Seeded, tid: string) {
  const code = (owner: string, themeId: string, a: number, b: number) =>
    withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: owner }), (doc) => addCoding(doc, TEXT.length, { themeId, ...span(a, b), createdAt: 1 }), owner);
  await code(ids.alice!, themes.trust, 1, 4);
  await code(ids.bob!, themes.trust, 1, 3);
  await code(ids.alice!, themes.trust, 6, 6);
  await code(ids.bob!, themes.doubt, 6, 6);
  await code(ids.alice!, themes.hope, 8, 9);
  await code(ids.bob!, themes.hope, 9, 10);
  await code(ids.bob!, themes.fear, 12, 12);
}
