import { decideAccess } from '../../../shared/access';
import { codebookMapDocName } from '../../../shared/docNames';
import { type CodebookDecision, type CodedLines, type CodedTranscript, type MatchSuggestion, codedLines, readCodebookMap, suggestMatches } from '../../../shared/reconcile';
import { docName } from '../../../shared/docNames';
import type { CodebookReconcileView, CodebookThemeRow, PrivateThemeRow } from '../../../shared/reconcile/codebookReconcileTypes';
import type { Theme, ThemeTree } from '../../../shared/themes';
import { docVersion } from '../../ydocs/docVersion';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { listMembers } from '../../store/members';
import { type TranscriptMeta, findTranscript, listTranscripts } from '../../store/transcripts';
import { layerOwners } from '../../store/layerDocs';
import { usersByIds } from '../../store/users';
import { type Actor, authorizeStudy } from '../access/actor';
import { layerCodings } from '../layers/layerCodings';
import { codedIt, loadThemeTreeBeforeAfter, viewerOf } from '../layers/studyLayers';
import { StateMemo, keptOverDocs } from '../layers/stateMemo';

/** Suggested matches listed per private theme. */
const SUGGESTIONS_PER_THEME = 3;

/**
 * The codebook reconciliation view (issue 15 item 2): every coder's private themes beside the
 * shared codebook, each with the lead's decision and suggested matches (name similarity and the
 * overlap of the lines each theme coded). Leads, auditors and admins (policy
 * `codebook.reconcile`); the private themes are those the caller may read (decideAccess, as at
 * every door), so before the reveal a lead sees none but their own. The counts are computed over
 * every coder's layer, like the progress view's: numbers of lines, never which lines or what
 * they say; they are given once the themes are revealed (to auditors always).
 */
export async function codebookReconciliation(s: Services, actor: Actor, studyId: string): Promise<CodebookReconcileView> {
  const access = await authorizeStudy(s, actor, studyId, 'codebook.reconcile');
  const { study } = access;
  const viewer = viewerOf(access, actor.user.id);
  const revealed = decideAccess({ kind: 'codebookMap', studyId }, { ...viewer, role: 'coder' }) !== 'none';
  const seesDecisions = decideAccess({ kind: 'codebookMap', studyId }, viewer) !== 'none';
  const { current, asCoded, key: treesKey } = await loadThemeTreeBeforeAfter(s, studyId, viewer);
  const decisions = seesDecisions ? (await withDoc(s, codebookMapDocName(studyId), (doc) => readCodebookMap(doc))).decisions : new Map<string, CodebookDecision>();

  const counted = revealed || access.role === 'auditor';
  const subjects = asCoded.themes.filter((t) => t.owner !== null && t.status !== 'retired');
  const { own, now, codings, suggestions } = await lineFigures(s, studyId, { current, asCoded, key: treesKey }, subjects, counted);
  const row = (t: Theme, tree: ThemeTree, lines: CodedLines): CodebookThemeRow => ({
    id: t.id,
    label: t.label,
    description: t.description,
    color: t.color,
    owner: t.owner,
    parentId: t.parentId,
    depth: t.depth,
    levelName: t.levelName,
    pathLabels: t.path.map((id) => tree.byId.get(id)?.label ?? id),
    status: t.status,
    codings: counted ? (codings.get(t.id) ?? 0) : null,
    lines: counted ? lines.size(t.id) : null,
  });

  const owners = [...new Set(subjects.map((t) => t.owner!))];
  const names = new Map((await listMembers(s.db, studyId)).map((m) => [m.userId, m.name]));
  for (const u of await usersByIds(s.db, owners.filter((o) => !names.has(o)))) names.set(u.id, u.name);
  const coders = owners
    .map((owner) => ({
      id: owner,
      name: names.get(owner) ?? owner,
      themes: subjects
        .filter((t) => t.owner === owner)
        .map((t): PrivateThemeRow => {
          const decision = decisions.get(t.id) ?? null;
          const target = decision?.target ? current.byId.get(current.resolve(t.id)) : undefined;
          return {
            ...row(t, asCoded, own),
            decision,
            countsAs: target ? { id: target.id, label: target.label } : null,
            suggestions: (suggestions.get(t.id) ?? []).map((m) => {
              const c = current.byId.get(m.themeId)!;
              return { ...m, label: c.label, owner: c.owner, pathLabels: c.path.map((id) => current.byId.get(id)?.label ?? id) };
            }),
          };
        }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));

  const governs = access.acting === 'lead' || access.acting === 'admin';
  const decided = subjects.filter((t) => decisions.has(t.id)).length;
  const excluded = subjects.filter((t) => decisions.get(t.id)?.op === 'exclude').length;
  return {
    study: { id: study.id, title: study.title, codebookPhase: study.codebookPhase },
    revealed,
    canDecide: revealed && governs && study.codebookPhase !== 'final',
    canReveal: !revealed && governs,
    levels: current.levels,
    shared: current.themes.filter((t) => t.owner === null).map((t) => row(t, current, now)),
    coders,
    summary: { privateThemes: subjects.length, decided, unmapped: subjects.length - decided, excluded },
  };
}

interface LineFigures {
  own: CodedLines;
  now: CodedLines;
  codings: Map<string, number>;
  suggestions: Map<string, MatchSuggestion[]>;
}

/**
 * Figures over every coder's layer kept per state of their inputs (issue 15, performance): the
 * trees' documents (their key), and for every transcript its layers' owners and versions and who
 * is a coder. Reading and counting 30,000 codings per request was most of the view's time; the
 * layers change while coders code, the view is read while the lead decides.
 */
const figures = new StateMemo<Promise<LineFigures>>(8);

async function lineFigures(s: Services, studyId: string, trees: { current: ThemeTree; asCoded: ThemeTree; key: string }, subjects: readonly Theme[], counted: boolean): Promise<LineFigures> {
  const metas = counted ? await listTranscripts(s.db, studyId) : [];
  const coderRole = new Set((await listMembers(s.db, studyId)).filter((m) => m.role === 'coder').map((m) => m.userId));
  const layers: Array<{ meta: TranscriptMeta; ownerId: string }> = [];
  for (const meta of metas) for (const ownerId of await layerOwners(s.db, meta.id)) layers.push({ meta, ownerId });
  const names = layers.map((l) => docName({ kind: 'layer', transcriptId: l.meta.id, ownerId: l.ownerId }));
  return keptOverDocs(
    s,
    figures,
    names,
    (docs) => JSON.stringify([trees.key, [...coderRole].sort(), layers.map((l, i) => [l.meta.id, l.meta.length, l.ownerId, docVersion(docs[i]!)])]),
    (docs) => docs.map((doc, i) => layerCodings(doc, layers[i]!.meta.length)),
    async (read) => {
      const transcripts: CodedTranscript[] = [];
      for (const meta of metas) {
        const row = await findTranscript(s.db, meta.id);
        if (!row) continue;
        const coded = layers.flatMap((l, i) => (l.meta.id === meta.id && codedIt(read[i]!, l.ownerId, coderRole) ? [{ coder: l.ownerId, codings: read[i]! }] : []));
        transcripts.push({ text: row.text, lines: row.lines, layers: coded });
      }
      const [own, now] = codedLines(transcripts, trees.asCoded.resolve, trees.current.resolve) as [CodedLines, CodedLines];
      const suggestions = suggestMatches(trees.current, subjects.map((t) => t.id), own, now, SUGGESTIONS_PER_THEME);
      return { own, now, codings: countCodings(transcripts, trees.asCoded.resolve), suggestions };
    },
  );
}

/** Codings per theme as coded (every coder, every transcript). */
function countCodings(transcripts: readonly CodedTranscript[], resolve: (id: string) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of transcripts) for (const l of t.layers) for (const c of l.codings) out.set(resolve(c.themeId), (out.get(resolve(c.themeId)) ?? 0) + 1);
  return out;
}
