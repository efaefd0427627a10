import { type AccessContext, accessContext, decideAccess } from '../../../shared/access';
import type { CoderLayer, Theme as AgreementTheme, TranscriptInput } from '../../../shared/agreement';
import { codebookDocName, codebookMapDocName, docName } from '../../../shared/docNames';
import { mappingOf, readCodebookMap } from '../../../shared/reconcile/codebookMap';
import { type CodebookOverlay, type ThemeTree, readThemeTree } from '../../../shared/themes';
import { docVersion } from '../../ydocs/docVersion';
import { withDoc, withDocs } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { layerOwners, privateCodebookOwners } from '../../store/layerDocs';
import { listMembers } from '../../store/members';
import { type TranscriptMeta, findTranscript } from '../../store/transcripts';
import type { StudyAccess } from '../access/actor';
import { layerCodings } from './layerCodings';
import { StateMemo } from './stateMemo';

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
  return (await loadKeyedThemeTree(s, studyId, viewer)).tree;
}

/** The tree with the key of the document states it was read from (for read models built on it). */
export async function loadKeyedThemeTree(s: Services, studyId: string, viewer: ThemeViewer): Promise<{ key: string; tree: ThemeTree }> {
  const { current } = await readTrees(s, studyId, viewer, false);
  return current;
}

/**
 * The tree twice from one read of the documents, for the codebook reconciliation: as it reads
 * now (`current`, loadThemeTree's) and as the coders made it, without the lead's decisions.
 */
export async function loadThemeTreeBeforeAfter(s: Services, studyId: string, viewer: ThemeViewer): Promise<{ current: ThemeTree; asCoded: ThemeTree; key: string }> {
  const { current, asCoded } = await readTrees(s, studyId, viewer, true);
  return { current: current.tree, asCoded: asCoded!.tree, key: `${current.key}#${asCoded!.key}` };
}

/**
 * Trees read once per state of their documents: a large study's tree (300 themes over three
 * private codebooks) is read by every board, table and reconciliation request, and its documents
 * change far less often. Keyed by the documents read and their versions (docVersion), so a change
 * of any of them, or a viewer who may read other codebooks, is a new key.
 */
const trees = new StateMemo<ThemeTree>(64);

/**
 * The shared codebook, the lead's decisions where the viewer may read them and the private
 * codebooks the viewer may read, all read at one instant from the live documents (no copies).
 */
async function readTrees(s: Services, studyId: string, viewer: ThemeViewer, withAsCoded: boolean): Promise<{ current: { key: string; tree: ThemeTree }; asCoded: { key: string; tree: ThemeTree } | null }> {
  const owners = (await privateCodebookOwners(s.db, studyId)).filter(
    (ownerId) => viewer === 'server' || decideAccess({ kind: 'privateCodebook', studyId, ownerId }, viewer) !== 'none',
  );
  const seesDecisions = viewer === 'server' || decideAccess({ kind: 'codebookMap', studyId }, viewer) !== 'none';
  const overlayNames = owners.map((ownerId) => docName({ kind: 'privateCodebook', studyId, ownerId }));
  const names = [codebookDocName(studyId), ...overlayNames, ...(seesDecisions ? [codebookMapDocName(studyId)] : [])];
  return withDocs(s, names, ([shared, ...rest]) => {
    const overlays = owners.map((ownerId, i): CodebookOverlay => ({ ownerId, doc: rest[i]! }));
    const stateOf = (n: number) => names.slice(0, n).map((name, i) => `${name}@${docVersion(i === 0 ? shared! : rest[i - 1]!)}`).join('|');
    const codedKey = stateOf(1 + owners.length);
    const key = seesDecisions ? stateOf(names.length) : codedKey;
    const tree = trees.getOr(key, () => {
      const { decisions } = seesDecisions ? readCodebookMap(rest[owners.length]!) : { decisions: new Map() };
      return readThemeTree(shared!, overlays, decisions.size ? mappingOf(decisions) : undefined);
    });
    const asCoded = withAsCoded ? { key: codedKey, tree: trees.getOr(`${codedKey}|as coded`, () => readThemeTree(shared!, overlays)) } : null;
    return { current: { key, tree }, asCoded };
  });
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
    if (!codedIt(codings, owner, coderRole)) continue;
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

/**
 * Whether a layer's owner counts as a coder of its transcript: a lead (or former member) whose
 * layer holds no coding did not code it (no "0 codings" coder in the figures); a coder who coded
 * nothing still counts.
 */
export const codedIt = (codings: readonly unknown[], owner: string, coderRole: ReadonlySet<string>): boolean => codings.length > 0 || coderRole.has(owner);
