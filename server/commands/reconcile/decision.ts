import { readLayer, updateCoding } from '../../../shared/coding';
import { DISCUSSION_LIMITS, type Decision, type DecisionRequest, putItem, readDiscussion } from '../../../shared/reconcile';
import { addTheme, describeTheme, readThemeTree, renameTheme } from '../../../shared/themes';
import { conflict, invalid, notFound } from '../../errors';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { inTransaction } from '../../store/advisoryLocks';
import { appendAudit } from '../../store/audit';
import type { Actor } from '../access/actor';
import { reconcileContext, requireReconciling } from './access';
import { reconcileWrite } from './lock';
import { governTheme } from '../themes/governance';
import { consensusDocName, discussionDocName, codebookDocName } from '../../../shared/docNames';

/**
 * A codebook decision taken from a disagreement (issue 6 item 3): rename, redefine, merge,
 * split or retire a theme. The codebook changes through the durable path, so every open client
 * updates; the audit event carries the item key, and the item lists the decision, so the record
 * shows why the codebook changed. Merge and retire reuse governTheme, which audits them itself.
 */
export async function decideFromItem(s: Services, actor: Actor, transcriptId: string, key: string, body: DecisionRequest) {
  const ctx = await reconcileContext(s, actor, transcriptId, 'codebook.govern');
  requireReconciling(ctx);
  if (ctx.study.codebookPhase === 'final') throw conflict('the codebook is final; reopen it before changing themes');
  const studyId = ctx.study.id;
  return reconcileWrite(s, transcriptId, async (db) => {
    const item = await withDoc(s, discussionDocName(transcriptId), (doc) => readDiscussion(doc).items.find((i) => i.key === key));
    if (!item) throw notFound('disagreement');
    const now = s.now();
    const link = { disagreementKey: key, transcriptId, rationale: body.rationale };
    const audit = (action: string, data: Record<string, unknown>) =>
      inTransaction(db, (trx) => appendAudit(trx, { studyId, actorId: actor.user.id, action, target: `theme:${body.themeId}`, data: { themeId: body.themeId, ...data, ...link }, at: now }));
    let decision: Decision = { op: body.op, themeId: body.themeId, rationale: body.rationale, by: actor.user.id, byName: actor.user.name.slice(0, DISCUSSION_LIMITS.nameLength), at: now };

    if (body.op === 'rename' || body.op === 'redefine') {
      const before = await withDoc(
        s,
        codebookDocName(studyId),
        (doc) => {
          const theme = readThemeTree(doc).byId.get(body.themeId);
          if (!theme) throw notFound('theme');
          if (body.op === 'rename') renameTheme(doc, body.themeId, body.label ?? '');
          else describeTheme(doc, body.themeId, body.description ?? '');
          return { label: theme.label, description: theme.description };
        },
        actor.user.id,
      );
      if (body.op === 'rename') {
        decision = { ...decision, label: body.label ?? '' };
        await audit('theme.rename', { from: before.label, to: body.label });
      } else {
        decision = { ...decision, description: body.description ?? '' };
        await audit('theme.redefine', { themeLabel: before.label, from: before.description, to: body.description });
      }
    } else if (body.op === 'merge' || body.op === 'retire') {
      const op = body.op === 'merge' ? { op: 'merge' as const, themeId: body.themeId, into: body.into ?? '' } : { op: 'retire' as const, themeId: body.themeId };
      await governTheme(s, actor, studyId, op, { rationale: body.rationale, disagreementKey: key }, db);
      if (body.op === 'merge') decision = { ...decision, into: body.into ?? '' };
    } else {
      decision = { ...decision, ...(await split(s, actor, ctx.transcript.text.length, studyId, transcriptId, body)) };
      await audit('theme.split', { newThemeId: decision.newThemeId, label: decision.label, codingIds: decision.codingIds });
    }
    await withDoc(s, discussionDocName(transcriptId), (doc) => {
      const current = readDiscussion(doc).items.find((i) => i.key === key) ?? item;
      putItem(doc, { ...current, decisions: [...current.decisions, decision] });
    }, actor.user.id);
    return { decision };
  }, [consensusDocName(transcriptId), discussionDocName(transcriptId), codebookDocName(studyId)]);
}

/**
 * Split: a new theme beside the old one, and the listed consensus codings of this transcript
 * moved to it. Every listed coding must exist and count for the theme being split, checked before
 * anything is written.
 */
async function split(s: Services, actor: Actor, textLength: number, studyId: string, transcriptId: string, body: DecisionRequest) {
  const codingIds = [...new Set(body.codingIds ?? [])];
  const tree = await withDoc(s, codebookDocName(studyId), (doc) => readThemeTree(doc));
  const theme = tree.byId.get(body.themeId);
  if (!theme || theme.status === 'retired') throw invalid(`theme ${body.themeId} is not a live theme of this study`);
  const consensus = await withDoc(s, consensusDocName(transcriptId), (doc) => readLayer(doc, textLength).codings);
  for (const id of codingIds) {
    const c = consensus.find((x) => x.id === id);
    if (!c) throw invalid(`consensus coding ${id} not found in this transcript`);
    if (tree.resolve(c.themeId) !== body.themeId) throw invalid(`consensus coding ${id} is not coded with the theme being split`);
  }
  const newThemeId = await withDoc(
    s,
    codebookDocName(studyId),
    (doc) => addTheme(doc, { label: body.label ?? '', parentId: theme.parentId, afterId: theme.id, description: body.description ?? '', createdBy: actor.user.id, createdAt: s.now() }),
    actor.user.id,
  );
  await withDoc(
    s,
    consensusDocName(transcriptId),
    (doc) => doc.transact(() => codingIds.forEach((id) => updateCoding(doc, textLength, id, { themeId: newThemeId }))),
    actor.user.id,
  );
  return { newThemeId, label: body.label ?? '', codingIds };
}
