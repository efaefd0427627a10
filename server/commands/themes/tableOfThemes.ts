import { readLayer } from '../../../shared/coding';
import { type CaseTable, type StudyThemeTable, type TableTranscript, type ThemeTable, caseTable, readWriteup, tableOfThemes } from '../../../shared/reconcile';
import { notFound } from '../../errors';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { findParticipant, listParticipants } from '../../store/participants';
import type { Study } from '../../store/studies';
import { findTranscript, listTranscripts } from '../../store/transcripts';
import { type Actor, authorizeStudy } from '../access/actor';
import { consensusDocName, writeupDocName } from '../../../shared/docNames';
import { type ThemeViewer, loadThemeTree, viewerOf } from '../layers/studyLayers';

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

/** The whole table (every theme, all evidence) as `viewer` may see it; exports narrow it with viewTable. */
export async function computeTable(s: Services, study: Study, viewer: ThemeViewer): Promise<ThemeTable> {
  const tree = await loadThemeTree(s, study.id, viewer);
  const metas = (await listTranscripts(s.db, study.id)).filter((t) => t.phase !== 'coding');
  const transcripts: TableTranscript[] = [];
  for (const meta of metas) {
    const row = await findTranscript(s.db, meta.id);
    if (!row) continue;
    const { codings, statements } = await withDoc(s, consensusDocName(row.id), (doc) => readLayer(doc, row.text.length));
    transcripts.push({ id: row.id, participantId: row.participantId, title: row.title, text: row.text, lines: row.lines, final: row.phase === 'final', codings, statements });
  }
  const inAnalysis = new Set(transcripts.map((t) => t.participantId));
  const all = (await listParticipants(s.db, study.id)).map((p) => ({ id: p.id, pseudonym: p.pseudonym }));
  const participants = all.filter((p) => inAnalysis.has(p.id));
  // Recurrence counts every participant; those still in coding are pending, not absent.
  const pending = all.filter((p) => !inAnalysis.has(p.id));
  const writeup = await withDoc(s, writeupDocName(study.id), (doc) => readWriteup(doc));
  return tableOfThemes({ tree, participants, pending, transcripts, rule: study.recurrenceRule, writeup });
}
