import type { Actor } from '../access/actor';
import type { Services } from '../../services';
import { getMembers } from '../studies/members';
import { getStudy } from '../studies/studies';
import { getTranscript } from './transcripts';

/**
 * What the worksheet needs to draw a transcript, in one answer (issue 16): the frozen transcript,
 * its study and the study's members. Each part is read through the same command as its own route
 * (GET /api/transcripts/:tid, /api/studies/:sid, /api/studies/:sid/members), so the decisions
 * about who may read what are those commands' and nowhere else: a caller refused one part is
 * refused the whole. Nothing of any coder's layer is here; layers travel only through the
 * document server, which applies blind mode.
 */
export async function getWorksheet(s: Services, actor: Actor, transcriptId: string) {
  const t = await getTranscript(s, actor, transcriptId);
  const [study, members] = await Promise.all([getStudy(s, actor, t.transcript.studyId), getMembers(s, actor, t.transcript.studyId)]);
  return { ...t, study, members };
}
