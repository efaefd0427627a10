import { addCoding } from '../../shared/coding';
import { docName, codebookDocName } from '../../shared/docNames';
import { addTheme, setLevels } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { RunningServer } from '../../server/server';
import { type ApiClient, seedUsers, joinStudy } from '../helpers/http';

/** Short lines (under the 80-column wrap) so line numbers are exactly these indices + 1. */
export const P01_TEXT = [
  'Interviewer: How did the alliance feel at the start?',
  'P01: Careful. I watched her face all the time for signs of judgement.',
  'Interviewer: And later?',
  'P01: Later I stopped watching. I trusted that she would tell me.',
  'P01: There was fear in that too, because trust can be lost.',
  'Interviewer: What helped?',
  'P01: She remembered small things I had said weeks before.',
  'P01: That made me feel held, like my story mattered to her.',
  'Interviewer: Anything else?',
  'P01: Only that it took a long time, longer than I expected.',
].join('\n');

export const P02_TEXT = ['P02: I felt safe with him from the first session.', 'Interviewer: Why?', 'P02: He never rushed me.'].join('\n');

type Theme = 'safety' | 'trust' | 'fear' | 'pace' | 'supervision';
type Plan = Array<[coder: 'alice' | 'bob', theme: Theme, from: number, to: number]>;

// P01: one agreed region (Relational safety, l. 2) and disagreements of every kind: presence
// (alice's Embodied trust on l. 4, bob's Fear on l. 5), boundary (Embodied trust l. 7-8 against
// l. 7) and category (l. 10: alice Time and pace, bob Fear).
const P01: Plan = [
  ['alice', 'safety', 2, 2], ['bob', 'safety', 2, 2],
  ['alice', 'trust', 4, 4],
  ['bob', 'fear', 5, 5],
  ['alice', 'trust', 7, 8], ['bob', 'trust', 7, 7],
  ['alice', 'pace', 10, 10], ['bob', 'fear', 10, 10],
];
// P02: full agreement, so it has no items and can be finalised at once.
const P02: Plan = [['alice', 'safety', 1, 1], ['bob', 'safety', 1, 1]];

export interface ReconcileSeed {
  sid: string;
  t1: string;
  t2: string;
  themes: Record<Theme, string>;
  users: Record<'lead' | 'alice' | 'bob' | 'auditor', { id: string; api: ApiClient }>;
}

/** A blind study with two coded transcripts still in `coding`: the browser test reveals them. */
export async function seedReconcileStudy(server: RunningServer): Promise<ReconcileSeed> {
  const s = server.services;
  const users = (await seedUsers(s, ['lead', 'alice', 'bob', 'auditor'])).users as ReconcileSeed['users'];
  const lead = users.lead.api;
  const sid = (await lead.post('/api/studies', { title: 'Alliance ruptures', codingMode: 'blind' })).json.study.id as string;
  for (const [who, role] of [['alice', 'coder'], ['bob', 'coder'], ['auditor', 'auditor']] as const) await joinStudy(lead, sid, `${who}@example.org`, role);
  const themes = await withDoc(s, codebookDocName(sid), (doc) => {
    const by = users.lead.id;
    setLevels(doc, ['Area', 'Superordinate theme', 'Theme', 'Sub-theme']);
    const safety = addTheme(doc, { label: 'Relational safety', createdBy: by, color: '#1f77b4' });
    return {
      safety,
      trust: addTheme(doc, { label: 'Embodied trust', parentId: safety, createdBy: by, color: '#2ca02c' }),
      fear: addTheme(doc, { label: 'Fear of getting it wrong', parentId: safety, createdBy: by, color: '#d62728' }),
      pace: addTheme(doc, { label: 'Time and pace', createdBy: by, color: '#9467bd' }),
      // Coded by nobody: the table of themes must flag it as not recurrent.
      supervision: addTheme(doc, { label: 'Supervision', createdBy: by, color: '#8c564b' }),
    };
  });
  const tids: string[] = [];
  for (const [pseudonym, text, plan] of [['P01', P01_TEXT, P01], ['P02', P02_TEXT, P02]] as const) {
    const p = (await lead.post(`/api/studies/${sid}/participants`, { pseudonym })).json.participant;
    const tid = (await lead.post(`/api/studies/${sid}/transcripts`, { participantId: p.id, title: `Interview ${pseudonym}`, text })).json.transcript.id as string;
    tids.push(tid);
    const lines = (await lead.get(`/api/transcripts/${tid}`)).json.lines as Array<{ start: number; end: number }>;
    for (const [coder, theme, from, to] of plan) {
      const ownerId = users[coder].id;
      await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId }), (doc) =>
        addCoding(doc, text.length, { themeId: themes[theme], start: lines[from - 1]!.start, end: lines[to - 1]!.end, createdAt: 1 }),
      ownerId);
    }
  }
  const [t1, t2] = tids as [string, string];
  return { sid, t1, t2, themes, users };
}
