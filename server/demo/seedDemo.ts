import { docName } from '../../shared/docNames';
import { addCoding, addNote, addStatement } from '../../shared/coding';
import { DEFAULT_LINE_WIDTH } from '../../shared/domain';
import { freezeTranscript } from '../../shared/transcript';
import { createUser } from '../commands/accounts/accounts';
import type { Actor } from '../commands/access/actor';
import { addMemberDirectly } from '../commands/studies/members';
import { addParticipant } from '../commands/studies/participants';
import { createStudy } from '../commands/studies/studies';
import { addTranscript, setTranscriptPhase } from '../commands/transcripts/transcripts';
import { withDoc } from '../ydocs/withDoc';
import type { Services } from '../services';
import { type User, findUserByEmail } from '../store/users';
import { DEMO_ACCOUNTS, type DemoAccountKey, type DemoPasswords } from './accounts';
import { buildCodebook, demoThemeKeys } from './buildCodebook';
import { DEMO_LEVELS } from './content/codebook';
import { DEMO_INTERVIEWS } from './content/interviews';
import { DEMO_STUDY } from './content/study';
import { DEMO_CODERS, type DemoCoder } from './content/types';
import { type LayerPlan, planLayer } from './planLayer';

/** The demo accounts exist already: the demo seeds an instance once. */
export class DemoExistsError extends Error {}

/** Which interview is moved on to reconciling, so the disagreements are there to see at once. */
export const DEMO_RECONCILING_PSEUDONYM = 'P01';

export interface DemoSummary {
  studyId: string;
  themes: number;
  transcripts: { id: string; pseudonym: string; lines: number; phase: 'coding' | 'reconciling' }[];
  layers: Record<DemoCoder, { codings: number; notes: number; statements: number }>;
}

/**
 * Seeds the fictional demo study through the same command functions and durable document path
 * the HTTP and collab doors use, so the demo data is indistinguishable from data entered by hand
 * (audit chain, update log with each coder as author). Not atomic: the content is checked in
 * full before the first write, so what remains to fail is the store itself.
 */
export async function seedDemo(s: Services, passwords: DemoPasswords): Promise<DemoSummary> {
  const taken = await Promise.all(DEMO_ACCOUNTS.map(async (a) => ((await findUserByEmail(s.db, a.email)) ? a.email : null)));
  const existing = taken.filter((e) => e !== null);
  if (existing.length > 0) throw new DemoExistsError(`the demo was seeded on this instance already (${existing.join(', ')} ${existing.length === 1 ? 'exists' : 'exist'})`);
  preflight();

  const users = {} as Record<DemoAccountKey, User>;
  for (const a of DEMO_ACCOUNTS) users[a.key] = await createUser(s, { email: a.email, name: a.name, password: passwords[a.key], isAdmin: false });
  const lead: Actor = { user: users.lead, sessionId: null };

  const study = await createStudy(s, lead, {
    title: DEMO_STUDY.title,
    description: DEMO_STUDY.description,
    codingMode: 'blind',
    terminology: { kind: 'custom', levels: [...DEMO_LEVELS] },
  });
  for (const a of DEMO_ACCOUNTS) if (a.key !== 'lead') await addMemberDirectly(s, lead, study.id, { email: a.email, role: a.role });

  const themeIds = await withDoc(s, docName({ kind: 'codebook', studyId: study.id }), (doc) => buildCodebook(doc, users.lead.id, s.now()), users.lead.id);
  const themeId = (key: string) => {
    const id = themeIds.get(key);
    if (id === undefined) throw new Error(`demo theme key ${key} was not seeded`);
    return id;
  };

  const summary: DemoSummary = { studyId: study.id, themes: themeIds.size, transcripts: [], layers: emptyCounts() };
  for (const interview of DEMO_INTERVIEWS) {
    const participant = await addParticipant(s, lead, study.id, { pseudonym: interview.participant.pseudonym, attributes: { ...interview.participant.attributes } });
    const transcript = await addTranscript(s, lead, study.id, { participantId: participant.id, title: interview.title, text: interview.text });
    // Offsets come from the text the server froze, not from the content as written.
    for (const coder of DEMO_CODERS) {
      const plan = planLayer(transcript.text, interview, coder, themeId, s.now());
      await writeLayer(s, transcript.id, transcript.text.length, users[coder].id, plan);
      count(summary.layers[coder], plan);
    }
    let phase: 'coding' | 'reconciling' = 'coding';
    if (participant.pseudonym === DEMO_RECONCILING_PSEUDONYM) {
      await setTranscriptPhase(s, lead, transcript.id, 'reconciling');
      phase = 'reconciling';
    }
    summary.transcripts.push({ id: transcript.id, pseudonym: participant.pseudonym, lines: transcript.text.split('\n').length, phase });
  }
  return summary;
}

/** Checks every anchor and theme key against locally frozen text before anything is written. */
function preflight(): void {
  const keys = demoThemeKeys();
  const known = (key: string) => {
    if (!keys.has(key)) throw new Error(`demo content uses an unknown theme key: ${key}`);
    return key;
  };
  for (const interview of DEMO_INTERVIEWS) {
    const { text } = freezeTranscript(interview.text, { lineWidth: DEFAULT_LINE_WIDTH });
    for (const coder of DEMO_CODERS) planLayer(text, interview, coder, known, 0);
  }
}

/** One update per layer, authored by its coder, as if the coder had done the work in the browser. */
async function writeLayer(s: Services, transcriptId: string, textLength: number, ownerId: string, plan: LayerPlan): Promise<void> {
  await withDoc(
    s,
    docName({ kind: 'layer', transcriptId, ownerId }),
    (doc) => {
      for (const c of plan.codings) addCoding(doc, textLength, c);
      for (const n of plan.notes) addNote(doc, textLength, n);
      for (const st of plan.statements) addStatement(doc, textLength, st);
    },
    ownerId,
  );
}

function emptyCounts(): DemoSummary['layers'] {
  return { coder1: { codings: 0, notes: 0, statements: 0 }, coder2: { codings: 0, notes: 0, statements: 0 } };
}

function count(into: DemoSummary['layers'][DemoCoder], plan: LayerPlan): void {
  into.codings += plan.codings.length;
  into.notes += plan.notes.length;
  into.statements += plan.statements.length;
}
