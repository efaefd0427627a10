import { readLayer } from '../../../shared/coding';
import { docName } from '../../../shared/docNames';
import type { CoderProgress, ProgressResponse, TranscriptProgress } from '../../../shared/studies/progressTypes';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { layerOwners } from '../../store/layerDocs';
import { listMembers } from '../../store/members';
import { listParticipants } from '../../store/participants';
import { findTranscript, listTranscripts } from '../../store/transcripts';
import { usersByIds } from '../../store/users';
import { type Actor, authorizeStudy } from '../access/actor';
import { linesCoded } from './linesCoded';

/**
 * The lead's progress view (issue 4 item 7). Counts only, never content, so the lead may watch
 * a blind study without seeing anyone's coding; the server reads every layer to count it, which
 * no client can do in blind mode. Every member with the coder role gets a row per transcript
 * (an unstarted transcript shows as zero), and anyone else whose layer there holds work (leads also code).
 */
export async function studyProgress(s: Services, actor: Actor, studyId: string): Promise<ProgressResponse> {
  const { study } = await authorizeStudy(s, actor, studyId, 'progress.read');
  const members = await listMembers(s.db, studyId);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const roster = members.filter((m) => m.role === 'coder').map((m) => m.userId);
  const pseudonyms = new Map((await listParticipants(s.db, studyId)).map((p) => [p.id, p.pseudonym]));

  const transcripts: TranscriptProgress[] = [];
  for (const meta of await listTranscripts(s.db, studyId)) {
    const row = await findTranscript(s.db, meta.id);
    if (!row) continue;
    const lines = row.lines;
    const owners = await layerOwners(s.db, meta.id);
    const coderIds = [...new Set([...roster, ...owners])];
    const coders: CoderProgress[] = [];
    for (const coderId of coderIds) {
      const layer = owners.includes(coderId)
        ? await withDoc(s, docName({ kind: 'layer', transcriptId: meta.id, ownerId: coderId }), (doc) => readLayer(doc, row.text.length))
        : { codings: [], notes: [], statements: [] };
      // A lead (or former member) appears where they have work, never as a coder with "0 codings".
      if (!roster.includes(coderId) && layer.codings.length + layer.notes.length + layer.statements.length === 0) continue;
      const covered = linesCoded(lines, layer.codings);
      coders.push({
        coderId,
        codings: layer.codings.length,
        notes: layer.notes.length,
        statements: layer.statements.length,
        linesCoded: covered.coded,
        share: covered.total > 0 ? covered.coded / covered.total : null,
      });
    }
    const consensusCodings =
      meta.phase === 'coding' ? 0 : await withDoc(s, docName({ kind: 'consensus', transcriptId: meta.id }), (doc) => readLayer(doc, row.text.length).codings.length);
    transcripts.push({
      id: meta.id,
      title: meta.title,
      participantId: meta.participantId,
      pseudonym: pseudonyms.get(meta.participantId) ?? '?',
      phase: meta.phase,
      lines: linesCoded(lines, []).total,
      coders,
      consensusCodings,
    });
  }

  const everyone = [...new Set(transcripts.flatMap((t) => t.coders.map((c) => c.coderId)))];
  const strangers = everyone.filter((id) => !names.has(id));
  for (const u of await usersByIds(s.db, strangers)) names.set(u.id, u.name);
  const roles = new Map(members.map((m) => [m.userId, m.role]));
  return {
    study: { id: study.id, title: study.title, codingMode: study.codingMode },
    coders: everyone.map((id) => ({ id, name: names.get(id) ?? id, role: roles.get(id) ?? null })),
    transcripts,
  };
}
