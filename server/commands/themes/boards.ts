import { decideAccess } from '../../../shared/access';
import { type BoardThemeJson, type CaseBoardResponse, type CaseCluster, type GroupBoardResponse, type GroupCluster, type PetCard, type PetCardJson, boardScope, readCaseBoard, readGroupBoard } from '../../../shared/boards';
import type { CaseClusterJson, GroupClusterJson } from '../../../shared/boards';
import { codingView, readLayer } from '../../../shared/coding';
import { docName } from '../../../shared/docNames';
import type { Theme } from '../../../shared/themes';
import { forbidden, notFound } from '../../errors';
import type { Services } from '../../services';
import { findRole } from '../../store/members';
import { findParticipant, listParticipants } from '../../store/participants';
import { findTranscript, listTranscripts } from '../../store/transcripts';
import { withDoc } from '../../ydocs/withDoc';
import { type Actor, authorizeStudy } from '../access/actor';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';

const themeJson = (t: Theme): BoardThemeJson => ({ id: t.id, label: t.label, color: t.color, levelName: t.levelName });

/**
 * One coder's clustering board for one transcript (issue 15 item 4), as the caller may see it:
 * the coder's layer and the codebook the clusters live in are each read only where decideAccess
 * lets the caller read them, the rule of the WebSocket door; otherwise 403 (blind until reveal).
 */
export async function caseBoardView(s: Services, actor: Actor, transcriptId: string, coderId: string): Promise<CaseBoardResponse> {
  const row = await findTranscript(s.db, transcriptId);
  if (!row) throw notFound('transcript');
  const access = await authorizeStudy(s, actor, row.studyId, 'study.read').catch((e: unknown) => {
    throw e instanceof Error && 'code' in e && e.code === 'not_found' ? notFound('transcript') : e;
  });
  const coderRole = await findRole(s.db, row.studyId, coderId);
  if (coderRole === null || coderRole === 'auditor') throw notFound('coder');
  const viewer = { ...viewerOf(access, actor.user.id), transcriptPhase: row.phase };
  const scope = boardScope(access.study, coderId, coderRole);
  const layerRef = { kind: 'layer', transcriptId, ownerId: coderId } as const;
  const hidden = decideAccess(layerRef, viewer) === 'none' || (scope !== null && decideAccess({ kind: 'privateCodebook', studyId: row.studyId, ownerId: scope }, viewer) === 'none');
  if (hidden) throw forbidden('this coder\'s board is not visible to you yet');
  const tree = await loadThemeTree(s, row.studyId, viewer);
  const statements = await withDoc(s, docName(layerRef), (doc) => readLayer(doc, row.text.length).statements);
  const board = readCaseBoard(tree, statements, transcriptId, scope);
  const participant = await findParticipant(s.db, row.participantId);
  const cluster = (c: CaseCluster): CaseClusterJson => ({ ...themeJson(c.theme), cards: c.cards, subs: c.subs.map(cluster) });
  return {
    transcript: { id: row.id, title: row.title, participant: participant?.pseudonym ?? row.participantId },
    coder: coderId,
    scope,
    terms: board.terms,
    cards: board.statements.map((st) => {
      const view = codingView(st, row.text, row.lines);
      return { id: st.id, text: st.text, lineRange: view.lineRange, quote: view.quote, themeIds: st.themeIds.map(tree.resolve) };
    }),
    clusters: board.clusters.map(cluster),
    unclustered: board.unclustered,
  };
}

/**
 * The board across participants in one scope: `shared` (the shared codebook's PETs, agreed once
 * cases are reconciled, or every coder's in a study without private themes) or a coder's id (their
 * private codebook; 403 while the caller may not read it).
 */
export async function groupBoardView(s: Services, actor: Actor, studyId: string, scopeParam: string): Promise<GroupBoardResponse> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const viewer = viewerOf(access, actor.user.id);
  const scope = scopeParam === 'shared' ? null : scopeParam;
  if (scope !== null) {
    const role = await findRole(s.db, studyId, scope);
    if (role === null || role === 'auditor') throw notFound('coder');
    if (decideAccess({ kind: 'privateCodebook', studyId, ownerId: scope }, viewer) === 'none') throw forbidden('this coder\'s themes are not visible to you yet');
  }
  const tree = await loadThemeTree(s, studyId, viewer);
  const pseudonyms = new Map((await listParticipants(s.db, studyId)).map((p) => [p.id, p.pseudonym]));
  const participantOf = new Map((await listTranscripts(s.db, studyId)).map((t) => [t.id, pseudonyms.get(t.participantId) ?? t.participantId]));
  const board = readGroupBoard(tree, scope, (caseId) => participantOf.get(caseId));
  const pet = (p: PetCard): PetCardJson => ({ ...themeJson(p.theme), caseId: p.caseId, participant: p.participant });
  const cluster = (c: GroupCluster): GroupClusterJson => ({ ...themeJson(c.theme), pets: c.pets.map(pet), subs: c.subs.map(cluster), participants: c.participants });
  return { scope, terms: board.terms, gets: board.gets.map(cluster), unplaced: board.unplaced.map(pet), cases: board.cases };
}
