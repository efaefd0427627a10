import * as Y from 'yjs';
import { type AccessContext, accessContext, decideAccess } from '../../../shared/access';
import type { CoderLayer, Theme as AgreementTheme, TranscriptInput } from '../../../shared/agreement';
import { codebookDocName, codebookMapDocName, docName } from '../../../shared/docNames';
import { mappingOf, readCodebookMap } from '../../../shared/reconcile/codebookMap';
import { type CodebookMapping, type CodebookOverlay, type ThemeTree, readThemeTree } from '../../../shared/themes';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { layerOwners, privateCodebookOwners } from '../../store/layerDocs';
import { listMembers } from '../../store/members';
import { type TranscriptMeta, findTranscript } from '../../store/transcripts';
import type { StudyAccess } from '../access/actor';
import { layerCodings } from './layerCodings';

export interface LoadedTranscript {
  meta: TranscriptMeta;
  input: TranscriptInput;
}

/**
 * The agreement engine's view of a theme tree: effective parents and merges after the read rule.
 * A theme kept out of the consensus (codebook reconciliation), or counting as one that is, is left
 * out, so its codings count for nothing (the engine ignores codings of unknown themes).
 */
export function agreementThemes(tree: ThemeTree): AgreementTheme[] {
  const out = (id: string) => tree.byId.get(tree.resolve(id))?.excluded === true;
  return tree.themes.filter((t) => !out(t.id)).map((t) => ({ id: t.id, parentId: t.parentId, mergedInto: t.mergedInto }));
}

/**
 * Who a theme tree is read for: a caller (their access context in the study; private codebooks
 * are included only where decideAccess lets them read, the rule of the WebSocket door), or the
 * server itself for its own computations that never leave it unfiltered (the reveal).
 */
export type ThemeViewer = AccessContext | 'server';

/** The caller's access context in a study, for loadThemeTree and readableLayers. */
export const viewerOf = (access: StudyAccess, userId: string): AccessContext => accessContext(access.study, userId, access.role);

/**
 * The study's theme tree as `viewer` may see it: the shared codebook with the private codebooks
 * the viewer may read on top (docs/theme-model.md, "Private codebooks"). Every REST door that
 * shows themes (tree, agreement, table, exports, reconciliation) reads it through here.
 */
export async function loadThemeTree(s: Services, studyId: string, viewer: ThemeViewer): Promise<ThemeTree> {
  const mapping = await loadCodebookMapping(s, studyId, viewer);
  const overlays = await loadOverlays(s, studyId, viewer);
  return withDoc(s, codebookDocName(studyId), (doc) => readThemeTree(doc, overlays, mapping));
}

/**
 * The tree twice from one read of the documents, for the codebook reconciliation: as it reads
 * now (`current`, loadThemeTree's) and as the coders made it, without the lead's decisions.
 */
export async function loadThemeTreeBeforeAfter(s: Services, studyId: string, viewer: ThemeViewer): Promise<{ current: ThemeTree; asCoded: ThemeTree }> {
  const mapping = await loadCodebookMapping(s, studyId, viewer);
  const overlays = await loadOverlays(s, studyId, viewer);
  return withDoc(s, codebookDocName(studyId), (doc) => ({ current: readThemeTree(doc, overlays, mapping), asCoded: readThemeTree(doc, overlays) }));
}

/** Snapshots of the private codebooks `viewer` may read, so a combined read sees one consistent state of each. */
async function loadOverlays(s: Services, studyId: string, viewer: ThemeViewer): Promise<CodebookOverlay[]> {
  const owners = (await privateCodebookOwners(s.db, studyId)).filter(
    (ownerId) => viewer === 'server' || decideAccess({ kind: 'privateCodebook', studyId, ownerId }, viewer) !== 'none',
  );
  const overlays: CodebookOverlay[] = [];
  for (const ownerId of owners) {
    const state = await withDoc(s, docName({ kind: 'privateCodebook', studyId, ownerId }), (doc) => Y.encodeStateAsUpdate(doc));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    overlays.push({ ownerId, doc });
  }
  return overlays;
}

/**
 * The lead's codebook reconciliation as the tree reads it (docs/reconciliation.md): every view of
 * the themes follows it, so codings and statements of a mapped theme count for its target. Read
 * where the viewer may read the decisions (they name private themes).
 */
async function loadCodebookMapping(s: Services, studyId: string, viewer: ThemeViewer): Promise<CodebookMapping | undefined> {
  if (viewer !== 'server' && decideAccess({ kind: 'codebookMap', studyId }, viewer) === 'none') return undefined;
  const { decisions } = await withDoc(s, codebookMapDocName(studyId), (doc) => readCodebookMap(doc));
  return decisions.size ? mappingOf(decisions) : undefined;
}

/**
 * Reads a transcript and its coders' layers from the live documents (loaded through the
 * registry, so a reader sees exactly what connected clients see), as the engine's plain input.
 * Layer values that fail validation are skipped by readLayer and never reach the statistics.
 */
export async function loadTranscriptLayers(s: Services, transcriptId: string, coders?: readonly string[]): Promise<LoadedTranscript | null> {
  const row = await findTranscript(s.db, transcriptId);
  if (!row) return null;
  const owners = (await layerOwners(s.db, transcriptId)).filter((o) => !coders || coders.includes(o));
  const coderRole = new Set((await listMembers(s.db, row.studyId)).filter((m) => m.role === 'coder').map((m) => m.userId));
  const layers: CoderLayer[] = [];
  for (const owner of owners) {
    const codings = await withDoc(s, docName({ kind: 'layer', transcriptId, ownerId: owner }), (doc) => layerCodings(doc, row.text.length));
    // A lead (or former member) whose layer holds no coding did not code this transcript: they are
    // not a coder of it (no "0 codings" coder in the figures); a coder who coded nothing still counts.
    if (codings.length === 0 && !coderRole.has(owner)) continue;
    layers.push({ coder: owner, codings });
  }
  const { text, turns, lines, ...meta } = row;
  return {
    meta,
    input: {
      id: row.id,
      length: text.length,
      lines,
      turns: turns.filter((t): t is typeof t & { speaker: string } => t.speaker !== null),
      text,
      layers,
    },
  };
}
