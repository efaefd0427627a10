import { decideAccess } from '../../../shared/access';
import { codebookMapDocName } from '../../../shared/docNames';
import { type CodebookDecision, type CodedLines, type CodedTranscript, codedLines, readCodebookMap, suggestMatches } from '../../../shared/reconcile';
import type { CodebookReconcileView, CodebookThemeRow, PrivateThemeRow } from '../../../shared/reconcile/codebookReconcileTypes';
import type { Theme, ThemeTree } from '../../../shared/themes';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { listMembers } from '../../store/members';
import { listTranscripts } from '../../store/transcripts';
import { usersByIds } from '../../store/users';
import { type Actor, authorizeStudy } from '../access/actor';
import { loadThemeTreeBeforeAfter, loadTranscriptLayers, viewerOf } from '../layers/studyLayers';

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
  const { current, asCoded } = await loadThemeTreeBeforeAfter(s, studyId, viewer);
  const decisions = seesDecisions ? (await withDoc(s, codebookMapDocName(studyId), (doc) => readCodebookMap(doc))).decisions : new Map<string, CodebookDecision>();

  const counted = revealed || access.role === 'auditor';
  const transcripts: CodedTranscript[] = [];
  if (counted) {
    for (const meta of await listTranscripts(s.db, studyId)) {
      const t = await loadTranscriptLayers(s, meta.id);
      if (t) transcripts.push({ ...t.input, text: t.input.text ?? '' });
    }
  }
  const [own, now] = codedLines(transcripts, asCoded.resolve, current.resolve) as [CodedLines, CodedLines];
  const codings = countCodings(transcripts, asCoded.resolve);

  const subjects = asCoded.themes.filter((t) => t.owner !== null && t.status !== 'retired');
  const suggestions = suggestMatches(current, subjects.map((t) => t.id), own, now, SUGGESTIONS_PER_THEME);
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

/** Codings per theme as coded (every coder, every transcript). */
function countCodings(transcripts: readonly CodedTranscript[], resolve: (id: string) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of transcripts) for (const l of t.layers) for (const c of l.codings) out.set(resolve(c.themeId), (out.get(resolve(c.themeId)) ?? 0) + 1);
  return out;
}
