import { readLayer } from '../../../shared/coding';
import { type CaseTable, type StudyThemeTable, type TableEvidence, type TableNotes, type TableTranscript, type TableUnused, type ThemeTable, caseTable, notesOfSetting, readWriteup, tableOfThemes, viewTable } from '../../../shared/reconcile';
import { notFound } from '../../errors';
import { docVersion } from '../../ydocs/docVersion';
import type { ThemeTree } from '../../../shared/themes';
import { StateMemo, keptOverDocs } from '../layers/stateMemo';
import type { Services } from '../../services';
import { findParticipant, listParticipants } from '../../store/participants';
import type { Study } from '../../store/studies';
import { type TranscriptMeta, findTranscript, listTranscripts } from '../../store/transcripts';
import { type Actor, authorizeStudy } from '../access/actor';
import { type DocRef, consensusDocName, docName, writeupDocName } from '../../../shared/docNames';
import { decideAccess } from '../../../shared/access';
import { layerOwners } from '../../store/layerDocs';
import { type ThemeViewer, loadKeyedThemeTree, viewerOf } from '../layers/studyLayers';

/**
 * The table of themes from the consensus layers of every transcript past coding (issue 6 item 4).
 * Every member may read it: consensus documents are open to all members once reconciling, and
 * transcripts still in coding are left out, so nothing hidden by blind coding shows.
 */
export async function studyThemeTable(s: Services, actor: Actor, studyId: string): Promise<StudyThemeTable> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  return { study: studyInfo(access.study), table: await computeTable(s, access.study, viewerOf(access, actor.user.id)) };
}

/**
 * The table of themes as a request asks to see it (`viewTable`: evidence, unused themes, paging),
 * read as `studyThemeTable`. Exploratory notes: the request's `notes`, else the study's
 * `tableNotes` setting (default none). The one place that choice is made, for the table's route
 * and its cell route alike.
 */
export async function studyTableView(
  s: Services,
  actor: Actor,
  studyId: string,
  view: { evidence: TableEvidence; unused: TableUnused; notes?: TableNotes | undefined; perCell?: number | undefined },
): Promise<StudyThemeTable> {
  const whole = await studyThemeTable(s, actor, studyId);
  return { ...whole, table: viewTable(whole.table, { ...view, notes: view.notes ?? notesOfSetting(whole.study.tableNotes) }) };
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

const studyInfo = (study: Study) => ({ id: study.id, title: study.title, codebookPhase: study.codebookPhase, tableNotes: study.tableNotes });

/**
 * Tables computed once per state of their inputs (issue 15, performance): a study of 16
 * participants has 9,600 consensus extracts, each cited and quoted, and every member's screen
 * reads the table. The key names every input: the theme tree's documents and versions (so the
 * private codebooks the viewer may read), the layers read and the write-up document, with their versions, the transcripts in
 * the analysis (phase, title, participant, text hash), the participants' pseudonyms and the
 * recurrence rule. Any change of one is a new key. Entries are promises, so concurrent requests
 * for one state compute it once.
 */
const tables = new StateMemo<Promise<ThemeTable>>(8);

/** The whole table (every theme, all evidence) as `viewer` may see it; exports narrow it with viewTable. */
export async function computeTable(s: Services, study: Study, viewer: ThemeViewer): Promise<ThemeTable> {
  const { key: treeKey, tree } = await loadKeyedThemeTree(s, study.id, viewer);
  const metas = (await listTranscripts(s.db, study.id)).filter((t) => t.phase !== 'coding');
  const all = (await listParticipants(s.db, study.id)).map((p) => ({ id: p.id, pseudonym: p.pseudonym }));
  // Codings come from the consensus only. Statements are each analyst's interpretation, written
  // in their own layer (and rarely in the consensus): the table shows every statement the viewer
  // may read (decideAccess, as the socket decides), linked through the codebook decisions, as
  // evidence beside the extracts. The layers are read (and validated) only when the table is not
  // kept for this state; their names and versions are part of the key.
  const sources = await Promise.all(metas.map((m) => tableSources(s, viewer, m)));
  // The write-up document (key quotes, write-up order) first, then the layers.
  return keptOverDocs(
    s,
    tables,
    [writeupDocName(study.id), ...sources.flat()],
    (docs) => JSON.stringify([treeKey, study.recurrenceRule, all, metas.map((m) => [m.id, m.phase, m.title, m.participantId, m.sha256]), sources, docs.map((d) => docVersion(d))]),
    (docs) => {
      let at = 1;
      const layers = metas.map((m, i) => {
        const read = docs.slice(at, (at += sources[i]!.length)).map((doc) => readLayer(doc, m.length));
        // Exploratory notes as statements: every one the viewer may read (tableNotes.ts places them).
        return { codings: read.at(-1)!.codings, statements: read.flatMap((l) => l.statements), notes: read.flatMap((l) => l.notes) };
      });
      return { layers, writeup: readWriteup(docs[0]!) };
    },
    (read) => buildTable(s, study, tree, metas, all, read.layers, read.writeup),
  );
}

/** The documents a transcript's table cells draw on: each coder layer the viewer may read, then the consensus (last). */
async function tableSources(s: Services, viewer: ThemeViewer, meta: TranscriptMeta): Promise<string[]> {
  const coders = (await layerOwners(s.db, meta.id))
    .map((ownerId): DocRef => ({ kind: 'layer', transcriptId: meta.id, ownerId }))
    .filter((ref) => viewer === 'server' || decideAccess(ref, { ...viewer, transcriptPhase: meta.phase }) !== 'none');
  return [...coders.map(docName), consensusDocName(meta.id)];
}

async function buildTable(s: Services, study: Study, tree: ThemeTree, metas: readonly TranscriptMeta[], all: ReadonlyArray<{ id: string; pseudonym: string }>, layers: ReadonlyArray<Pick<TableTranscript, 'codings' | 'statements' | 'notes'>>, writeup: ReturnType<typeof readWriteup>): Promise<ThemeTable> {
  const transcripts: TableTranscript[] = [];
  for (const [i, meta] of metas.entries()) {
    const row = await findTranscript(s.db, meta.id);
    if (!row) continue;
    const { codings, statements, notes } = layers[i]!;
    transcripts.push({ id: row.id, participantId: row.participantId, title: row.title, text: row.text, lines: row.lines, final: row.phase === 'final', codings, statements, notes });
  }
  const inAnalysis = new Set(transcripts.map((t) => t.participantId));
  const participants = all.filter((p) => inAnalysis.has(p.id));
  // Recurrence counts every participant; those still in coding are pending, not absent.
  const pending = all.filter((p) => !inAnalysis.has(p.id));
  return tableOfThemes({ tree, participants, pending, transcripts, rule: study.recurrenceRule, writeup });
}
