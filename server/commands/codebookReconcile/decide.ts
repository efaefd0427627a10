import { themesArePrivate } from '../../../shared/access';
import { codebookDocName, codebookMapDocName } from '../../../shared/docNames';
import { CODEBOOK_MAP_LIMITS, type CodebookDecision, type CodebookDecisionRequest, checkCodebookDecision, decidedThemes, putCodebookDecision } from '../../../shared/reconcile';
import { type ThemeTree, addTheme } from '../../../shared/themes';
import { conflict } from '../../errors';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import type { Actor } from '../access/actor';
import { loadThemeTree } from '../layers/studyLayers';
import { serialised } from '../reconcile/lock';
import { authorizeCodebookChange } from '../themes/themeTree';

export interface CodebookDecisionResult {
  /** The decision now current on each theme the request decided. */
  decisions: CodebookDecision[];
  /** The shared theme a merge or a promotion created. */
  createdThemeId: string | null;
}

/**
 * A lead's decision on coders' private themes (issue 15 item 2): map onto an existing theme,
 * merge several into a new shared theme, promote one as it is, or exclude it from the consensus,
 * with a rationale. Decided by the function that decides lifecycle changes of the codebook
 * (leads and admins; nothing once the codebook is final), after the reveal. The request is
 * checked against the tree with every codebook and the current decisions before anything is
 * written; a decision on a theme that has one is a revision (the earlier one goes to its history).
 * Written through withDoc (committed, then broadcast to every member's open view), then audited
 * as `codebook.decide`, or `codebook.revise` when it changes an earlier decision.
 */
export async function decideCodebook(s: Services, actor: Actor, studyId: string, body: CodebookDecisionRequest): Promise<CodebookDecisionResult> {
  const { study } = await authorizeCodebookChange(s, actor, studyId, 'theme.lifecycle');
  if (themesArePrivate(study) && study.themesRevealedAt === null) throw conflict('the coders’ private themes are not revealed yet: reveal them before reconciling the codebooks');
  return serialised(s, `codebook:${studyId}`, async () => {
    const tree = await loadThemeTree(s, studyId, 'server');
    checkCodebookDecision(tree, body);
    const now = s.now();
    let created: string | null = null;
    if (body.op === 'merge' || body.op === 'promote') {
      const source = body.op === 'promote' ? tree.byId.get(body.themeId)! : null;
      // A personal experiential theme stays one: promoting a PET, or merging PETs of one case,
      // makes a shared PET of that case (it then shows on the shared boards).
      const cases = new Set((body.op === 'promote' ? [body.themeId] : body.themeIds).map((id) => tree.byId.get(id)?.caseId ?? null));
      const caseId = cases.size === 1 ? [...cases][0]! : null;
      const input = {
        label: source ? source.label : body.op === 'merge' ? body.label : '',
        description: source ? source.description : body.op === 'merge' ? (body.description ?? '') : '',
        ...(source ? { color: source.color } : {}),
        ...(caseId !== null ? { caseId } : {}),
        parentId: body.parentId,
        ...(body.afterId !== undefined ? { afterId: body.afterId } : {}),
        createdBy: actor.user.id,
        createdAt: now,
      };
      // addTheme validates the place (sibling, depth) before it writes: a refusal changes nothing.
      created = await withDoc(s, codebookDocName(studyId), (doc) => addTheme(doc, input), actor.user.id);
    }
    const target = body.op === 'map' ? body.into : body.op === 'exclude' ? null : created;
    const byName = actor.user.name.slice(0, CODEBOOK_MAP_LIMITS.nameLength);
    const decisions = await withDoc(
      s,
      codebookMapDocName(studyId),
      (doc) => {
        const out: CodebookDecision[] = [];
        doc.transact(() => {
          for (const themeId of decidedThemes(body)) {
            out.push(putCodebookDecision(doc, { themeId, owner: tree.byId.get(themeId)!.owner!, op: body.op, target, rationale: body.rationale, by: actor.user.id, byName, at: now }));
          }
        });
        return out;
      },
      actor.user.id,
    );
    const revision = decisions.some((d) => d.revision > 1);
    await s.db.transaction().execute((trx) =>
      appendAudit(trx, {
        studyId,
        actorId: actor.user.id,
        action: revision ? 'codebook.revise' : 'codebook.decide',
        target: `theme:${created ?? decidedThemes(body)[0]}`,
        data: {
          op: body.op,
          themeIds: decidedThemes(body),
          labels: decidedThemes(body).map((id) => tree.byId.get(id)?.label ?? id),
          target,
          ...(target ? { targetLabel: targetLabel(body, tree) } : {}),
          ...(created && (body.op === 'merge' || body.op === 'promote') ? { createdTheme: { id: created, parentId: body.parentId } } : {}),
          rationale: body.rationale,
          revisions: decisions.map((d) => ({ themeId: d.themeId, owner: d.owner, revision: d.revision, ...(d.history.length ? { previous: { op: d.history.at(-1)!.op, target: d.history.at(-1)!.target } } : {}) })),
        },
        at: now,
      }),
    );
    return { decisions, createdThemeId: created };
  });
}

/** The label of the theme the decided themes now count as, for the audit trail. */
function targetLabel(body: CodebookDecisionRequest, tree: ThemeTree): string {
  if (body.op === 'map') return tree.byId.get(body.into)?.label ?? body.into;
  if (body.op === 'merge') return body.label;
  return tree.byId.get(decidedThemes(body)[0]!)?.label ?? '';
}
