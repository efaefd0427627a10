import { PhaseBody } from '../../../shared/api';
import { getTranscript, setTranscriptPhase } from '../../commands/transcripts/transcripts';
import { getWorksheet } from '../../commands/transcripts/getWorksheet';
import { logRead } from '../../commands/access/readLog';
import { route } from '../route';

export const transcriptRoutes = () => [
  route({ method: 'get', path: '/api/transcripts/:tid', summary: 'A frozen transcript with its numbered lines and speaker turns', tag: 'transcripts', auth: 'session', handler: async ({ s, actor, params }) => {
    const t = await getTranscript(s, actor, params.tid);
    await logRead(s, { studyId: t.transcript.studyId, userId: actor.user.id, what: 'transcript', target: `transcript:${t.transcript.id}`, door: 'rest' });
    return t;
  } }),
  // The worksheet's first request (issue 16): the three answers above and below in one round trip, same rights.
  route({ method: 'get', path: '/api/transcripts/:tid/worksheet', summary: 'A frozen transcript, its study and the study members in one answer (the worksheet)', tag: 'transcripts', auth: 'session', handler: async ({ s, actor, params }) => {
    const w = await getWorksheet(s, actor, params.tid);
    await logRead(s, { studyId: w.transcript.studyId, userId: actor.user.id, what: 'transcript', target: `transcript:${w.transcript.id}`, door: 'rest' });
    return w;
  } }),
  route({ method: 'post', path: '/api/transcripts/:tid/phase', summary: 'Move a transcript one step: coding <-> reconciling <-> final (leads)', tag: 'transcripts', auth: 'session', body: PhaseBody, handler: async ({ s, actor, params, body }) => ({ transcript: await setTranscriptPhase(s, actor, params.tid, body.phase, body.rationale) }) }),
];
