import type { AccessContext } from '../../../shared/access';
import { type CaseTable, type StudyThemeTable, type TableTranscript, type ThemeTable, caseTable, tableOfThemes } from '../../../shared/reconcile';
import { notFound } from '../../errors';
import type { Services } from '../../services';
import { findParticipant, listParticipants } from '../../store/participants';
import type { Study } from '../../store/studies';
import { findTranscript, listTranscripts } from '../../store/transcripts';
import { type Actor, authorizeStudy } from '../access/actor';
import { readableLayers } from '../layers/readableLayers';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';

/**
 * The table of themes from the consensus layers of every transcript past coding (issue 6 item 4).
 * Every member may read it: consensus documents are open to all members once reconciling, and
 * transcripts still in coding are left out, so nothing hidden by blind coding shows.
 */
export async function studyThemeTable(s: Services, actor: Actor, studyId: string): Promise<StudyThemeTable> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  return { study: studyInfo(access.study), table: await computeTable(s, access.study, viewerOf(access, actor.user.id)) };
}

/** A participant's personal themes: their column of the table, rows where they have codings. */
export async function participantThemes(s: Services, actor: Actor, participantId: string): Promise<{ study: StudyThemeTable['study']; table: CaseTable }> {
  const participant = await findParticipant(s.db, participantId);
  if (!participant) throw notFound('participant');
  const access = await authorizeStudy(s, actor, participant.studyId, 'study.read').catch((e: unknown) => {
    throw e instanceof Error && 'code' in e && e.code === 'not_found' ? notFound('participant') : e;
  });
  const { study } = access;
  const table = await computeTable(s, study, viewerOf(access, actor.user.id));
  const found = caseTable(table, participantId);
  return {
    study: studyInfo(study),
    table: found ?? { participant: { id: participant.id, pseudonym: participant.pseudonym }, levels: table.levels, provisional: table.provisional, rows: [] },
  };
}

const studyInfo = (study: Study) => ({ id: study.id, title: study.title, codebookPhase: study.codebookPhase });

async function computeTable(s: Services, study: Study, viewer: AccessContext): Promise<ThemeTable> {
  const tree = await loadThemeTree(s, study.id, viewer);
  const metas = (await listTranscripts(s.db, study.id)).filter((t) => t.phase !== 'coding');
  const transcripts: TableTranscript[] = [];
  for (const meta of metas) {
    const row = await findTranscript(s.db, meta.id);
    if (!row) continue;
    // Codings come from the consensus only. Statements are each analyst's interpretation, written
    // in their own layer (and rarely in the consensus): the table shows every statement the
    // caller may read, linked through the codebook decisions, as evidence beside the extracts.
    const { layers } = await readableLayers(s, viewer, meta, row.text.length);
    const codings = layers.find((l) => l.source.kind === 'consensus')?.layer.codings ?? [];
    const statements = layers.flatMap((l) => l.layer.statements);
    transcripts.push({ id: row.id, participantId: row.participantId, title: row.title, text: row.text, lines: row.lines, final: row.phase === 'final', codings, statements });
  }
  const inAnalysis = new Set(transcripts.map((t) => t.participantId));
  const all = (await listParticipants(s.db, study.id)).map((p) => ({ id: p.id, pseudonym: p.pseudonym }));
  const participants = all.filter((p) => inAnalysis.has(p.id));
  // Recurrence counts every participant; those still in coding are pending, not absent.
  const pending = all.filter((p) => !inAnalysis.has(p.id));
  return tableOfThemes({ tree, participants, pending, transcripts, rule: study.recurrenceRule });
}
