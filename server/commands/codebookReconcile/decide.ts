import { themesArePrivate } from '../../../shared/access';
import { codebookDocName, codebookMapDocName } from '../../../shared/docNames';
import { randomId } from '../../../shared/randomId';
import { CODEBOOK_MAP_LIMITS, type CodebookDecision, type CodebookDecisionRequest, checkCodebookDecision, decidedThemes, putCodebookDecision, readCodebookMap } from '../../../shared/reconcile';
import { type ThemeTree, addTheme, readThemeTree } from '../../../shared/themes';
import { conflict } from '../../errors';
import { newId } from '../../ids';
import type { Database } from '../../store/database';
import { type WriteIntent, deleteWriteIntent, findWriteIntent, insertWriteIntent } from '../../store/writeIntents';
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
 *
 * All or nothing (issue 14 item 6): a merge or promotion writes the codebook (the new theme),
 * then the decisions map, then the audit trail. Once the checks pass, an intent row (kind
 * `codebook`) commits with everything the decision writes (the new theme's id too); each document
 * step is safe to repeat, and the audit event commits with the intent's deletion. Startup
 * completes an interrupted decision to its end (completeCodebookIntent).
 */
export async function decideCodebook(s: Services, actor: Actor, studyId: string, body: CodebookDecisionRequest): Promise<CodebookDecisionResult> {
  const { study } = await authorizeCodebookChange(s, actor, studyId, 'theme.lifecycle');
  if (themesArePrivate(study) && study.themesRevealedAt === null) throw conflict('the coders’ private themes are not revealed yet: reveal them before reconciling the codebooks');
  return serialised(s, `codebook:${studyId}`, async () => {
    const tree = await loadThemeTree(s, studyId, 'server');
    checkCodebookDecision(tree, body);
    const now = s.now();
    const created = body.op === 'merge' || body.op === 'promote' ? randomId() : null;
    const data: CodebookIntentData = {
      body,
      created,
      byName: actor.user.name.slice(0, CODEBOOK_MAP_LIMITS.nameLength),
      owners: Object.fromEntries(decidedThemes(body).map((id) => [id, tree.byId.get(id)!.owner!])),
      labels: decidedThemes(body).map((id) => tree.byId.get(id)?.label ?? id),
      source: body.op === 'promote' ? pick(tree.byId.get(body.themeId)!) : null,
      targetLabel: body.op === 'exclude' ? null : targetLabel(body, tree),
      caseId: caseOf(body, tree),
      at: now,
    };
    const intent: WriteIntent = { id: newId(), studyId, kind: 'codebook', target: decidedThemes(body)[0]!, actorId: actor.user.id, data: { ...data }, createdAt: now };
    await insertWriteIntent(s.db, intent); // committed before the codebook changes
    let decisions: CodebookDecision[];
    try {
      decisions = await applyCodebookDecision(s, studyId, actor.user.id, data);
    } catch (error) {
      await deleteWriteIntent(s.db, intent.id).catch(() => undefined); // addTheme refused the place: nothing changed
      throw error;
    }
    await auditCodebookDecision(s.db, intent, data, decisions);
    return { decisions, createdThemeId: created };
  });
}

/** What a codebook decision's intent records (write_intents.data): everything it writes, fixed before the first write. */
interface CodebookIntentData {
  body: CodebookDecisionRequest;
  /** The shared theme a merge or promotion creates. */
  created: string | null;
  byName: string;
  /** The owner of each decided private theme. */
  owners: Record<string, string>;
  labels: string[];
  /** promote: the private theme's label, description and colour, copied to the shared one. */
  source: { label: string; description: string; color: string } | null;
  targetLabel: string | null;
  /** The case the new shared theme keeps (a PET promoted, or PETs of one case merged); absent in older intents. */
  caseId?: string | null;
  at: number;
}

const pick = (t: { label: string; description: string; color: string }) => ({ label: t.label, description: t.description, color: t.color });

/**
 * Writes the decision: the new shared theme (if it is not there yet: its id is fixed), then each
 * decided theme's decision (unless that theme's current decision is this one already). Safe to
 * repeat; answers the decisions now current.
 */
async function applyCodebookDecision(s: Services, studyId: string, by: string, data: CodebookIntentData): Promise<CodebookDecision[]> {
  const { body, created, at } = data;
  if (created && (body.op === 'merge' || body.op === 'promote')) {
    // addTheme validates the place (sibling, depth) before it writes: a refusal changes nothing.
    await withDoc(
      s,
      codebookDocName(studyId),
      (doc) => {
        if (readThemeTree(doc).byId.has(created)) return;
        const source = data.source;
        addTheme(doc, {
          id: created,
          label: source ? source.label : body.op === 'merge' ? body.label : '',
          description: source ? source.description : body.op === 'merge' ? (body.description ?? '') : '',
          ...(source ? { color: source.color } : {}),
          ...(data.caseId ? { caseId: data.caseId } : {}),
          parentId: body.parentId,
          ...(body.afterId !== undefined ? { afterId: body.afterId } : {}),
          createdBy: by,
          createdAt: at,
        });
      },
      by,
    );
  }
  const target = body.op === 'map' ? body.into : body.op === 'exclude' ? null : created;
  return withDoc(
    s,
    codebookMapDocName(studyId),
    (doc) => {
      const out: CodebookDecision[] = [];
      const current = readCodebookMap(doc).decisions;
      doc.transact(() => {
        for (const themeId of decidedThemes(body)) {
          const now = current.get(themeId);
          if (now && now.at === at && now.by === by && now.op === body.op) out.push(now);
          else out.push(putCodebookDecision(doc, { themeId, owner: data.owners[themeId]!, op: body.op, target, rationale: body.rationale, by, byName: data.byName, at }));
        }
      });
      return out;
    },
    by,
  );
}

/** The decision's audit event and the intent's deletion, in one transaction. */
async function auditCodebookDecision(db: Database, intent: WriteIntent, data: CodebookIntentData, decisions: CodebookDecision[]): Promise<void> {
  const { body, created } = data;
  const target = body.op === 'map' ? body.into : body.op === 'exclude' ? null : created;
  const revision = decisions.some((d) => d.revision > 1);
  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, {
      studyId: intent.studyId,
      actorId: intent.actorId,
      action: revision ? 'codebook.revise' : 'codebook.decide',
      target: `theme:${created ?? decidedThemes(body)[0]}`,
      data: {
        op: body.op,
        themeIds: decidedThemes(body),
        labels: data.labels,
        target,
        ...(target ? { targetLabel: data.targetLabel } : {}),
        ...(created && (body.op === 'merge' || body.op === 'promote') ? { createdTheme: { id: created, parentId: body.parentId } } : {}),
        rationale: body.rationale,
        revisions: decisions.map((d) => ({ themeId: d.themeId, owner: d.owner, revision: d.revision, ...(d.history.length ? { previous: { op: d.history.at(-1)!.op, target: d.history.at(-1)!.target } } : {}) })),
      },
      at: data.at,
    });
    await deleteWriteIntent(trx, intent.id);
  });
}

/**
 * Completes a codebook decision a crash interrupted (startup): written to its end and audited
 * (the intent committed only once every check had passed). A step the codebook now refuses rolls
 * it back.
 */
export async function completeCodebookIntent(s: Services, intent: WriteIntent): Promise<'completed' | 'rolled back' | 'gone'> {
  const data = intent.data as unknown as CodebookIntentData;
  return serialised(s, `codebook:${intent.studyId}`, async () => {
    if (!(await findWriteIntent(s.db, intent.id))) return 'gone' as const;
    let decisions: CodebookDecision[];
    try {
      decisions = await applyCodebookDecision(s, intent.studyId, intent.actorId, data);
    } catch (error) {
      s.log.warn('intent.codebook_decision_refused', { id: intent.id, error: String(error) });
      await deleteWriteIntent(s.db, intent.id);
      return 'rolled back' as const;
    }
    await auditCodebookDecision(s.db, intent, data, decisions);
    return 'completed' as const;
  });
}

/**
 * A personal experiential theme stays one: promoting a PET, or merging PETs of one case, makes a
 * shared PET of that case (it then shows on the shared boards).
 */
function caseOf(body: CodebookDecisionRequest, tree: ThemeTree): string | null {
  if (body.op !== 'merge' && body.op !== 'promote') return null;
  const cases = new Set((body.op === 'promote' ? [body.themeId] : body.themeIds).map((id) => tree.byId.get(id)?.caseId ?? null));
  return cases.size === 1 ? [...cases][0]! : null;
}

/** The label of the theme the decided themes now count as, for the audit trail. */
function targetLabel(body: CodebookDecisionRequest, tree: ThemeTree): string {
  if (body.op === 'map') return tree.byId.get(body.into)?.label ?? body.into;
  if (body.op === 'merge') return body.label;
  return tree.byId.get(decidedThemes(body)[0]!)?.label ?? '';
}
