import { addCoding, addStatement } from '../../shared/coding';
import { codebookDocName, consensusDocName } from '../../shared/docNames';
import { addTheme, setLevels } from '../../shared/themes';
import { linesOf } from '../../shared/transcript';
import type { Services } from '../../server/services';
import { withDoc } from '../../server/ydocs/withDoc';
import { type StudyFixture, seedStudy } from './collab';

// Five lines per interview; evidence is cited by these line numbers.
const text = (p: string) => ['Interviewer: how were the nights?', `${p}: the team noticed me`, 'when I was struggling, and that', 'mattered. Then nights came.', 'I was so tired I cried.'].join('\n');
export const WRITEUP_LEVELS = ['Key area', 'Superordinate theme', 'Theme', 'Sub-theme'];

export interface WriteupStudy {
  f: StudyFixture;
  /** Theme ids: Relationships > (Being seen > Noticed, Belonging), Fatigue, Empty area > Nothing here. */
  t: Record<'rel' | 'seen' | 'belong' | 'noticed' | 'fat' | 'empty' | 'nothing', string>;
  /** Consensus codings and statements: P01 Being seen l. 2-3, Fatigue l. 5, statement s1 l. 2-4 (Being seen); P02 Noticed l. 2, Fatigue l. 4-5, statement s2 l. 5 (Fatigue). */
  ev: Record<'p1seen' | 'p1fat' | 's1' | 'p2noticed' | 'p2fat' | 's2', string>;
}

/**
 * A study for the write-up of the table of themes (issue 15 item 5): the seed's four levels, two
 * participants past coding with consensus codings and statements, and themes without evidence
 * (Belonging, Empty area, Nothing here). Members as seedStudy makes them (lead, owner and other
 * coders, auditor, outsider).
 */
export async function seedWriteupStudy(
  s: Services,
  options: { mode?: 'open' | 'blind'; beforeReconciling?: (f: StudyFixture, transcripts: { t1: string; t2: string }) => Promise<void> } = {},
): Promise<WriteupStudy & { transcripts: { t1: string; t2: string } }> {
  const f = await seedStudy(s, options.mode ?? 'open');
  const lead = f.api('lead');
  const by = f.users.lead!.id;
  const t = await withDoc(s, codebookDocName(f.studyId), (doc) => {
    setLevels(doc, WRITEUP_LEVELS);
    const rel = addTheme(doc, { id: 'rel', label: 'Relationships', createdBy: by });
    const seen = addTheme(doc, { id: 'seen', label: 'Being seen', parentId: rel, createdBy: by });
    const belong = addTheme(doc, { id: 'belong', label: 'Belonging', parentId: rel, createdBy: by });
    const noticed = addTheme(doc, { id: 'noticed', label: 'Noticed', parentId: seen, createdBy: by });
    const fat = addTheme(doc, { id: 'fat', label: 'Fatigue', createdBy: by });
    const empty = addTheme(doc, { id: 'empty', label: 'Empty area', createdBy: by });
    const nothing = addTheme(doc, { id: 'nothing', label: 'Nothing here', parentId: empty, createdBy: by });
    return { rel, seen, belong, noticed, fat, empty, nothing };
  });
  // P01 is the seeded participant (their seeded transcript stays in coding); P02 is new.
  const p2 = (await lead.post(`/api/studies/${f.studyId}/participants`, { pseudonym: 'P02' })).json.participant.id as string;
  const transcript = async (participantId: string, p: string) => (await lead.post(`/api/studies/${f.studyId}/transcripts`, { participantId, title: `Interview ${p}`, text: text(p) })).json.transcript.id as string;
  const [t1, t2] = [await transcript(f.participantId, 'P01'), await transcript(p2, 'P02')];
  await options.beforeReconciling?.(f, { t1, t2 });
  for (const id of [t1, t2]) {
    const moved = await lead.post(`/api/transcripts/${id}/phase`, { phase: 'reconciling' });
    if (moved.status !== 200) throw new Error(`phase: ${JSON.stringify(moved.json)}`);
  }
  const lines = linesOf(text('P01'));
  const span = (a: number, b: number) => ({ start: lines[a - 1]!.start, end: lines[b - 1]!.end });
  const length = text('P01').length;
  const p1 = await withDoc(s, consensusDocName(t1), (doc) => ({
    p1seen: addCoding(doc, length, { themeId: t.seen, ...span(2, 3), createdAt: 1 }).id,
    p1fat: addCoding(doc, length, { themeId: t.fat, ...span(5, 5), createdAt: 1 }).id,
    s1: addStatement(doc, length, { text: 'Being noticed when struggling matters', themeIds: [t.seen], ...span(2, 4), createdAt: 1 }).id,
  }), by);
  const p2ev = await withDoc(s, consensusDocName(t2), (doc) => ({
    p2noticed: addCoding(doc, length, { themeId: t.noticed, ...span(2, 2), createdAt: 1 }).id,
    p2fat: addCoding(doc, length, { themeId: t.fat, ...span(4, 5), createdAt: 1 }).id,
    s2: addStatement(doc, length, { text: 'Exhaustion breaks through as tears', themeIds: [t.fat], ...span(5, 5), createdAt: 1 }).id,
  }), by);
  return { f, t, ev: { ...p1, ...p2ev }, transcripts: { t1, t2 } };
}
