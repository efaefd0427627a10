import { readLayer, updateCoding } from '../../../shared/coding';
import { DISCUSSION_LIMITS, type Decision, type DecisionRequest, putItem, readDiscussion } from '../../../shared/reconcile';
import { randomId } from '../../../shared/randomId';
import { addTheme, describeTheme, readThemeTree, renameTheme } from '../../../shared/themes';
import { conflict, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { inTransaction } from '../../store/advisoryLocks';
import { appendAudit } from '../../store/audit';
import type { Database } from '../../store/database';
import { type WriteIntent, deleteWriteIntent, findWriteIntent, insertWriteIntent } from '../../store/writeIntents';
import type { Actor } from '../access/actor';
import { reconcileContext, requireReconciling } from './access';
import { reconcileWrite } from './lock';
import { governanceLanded, governTheme } from '../themes/governance';
import { consensusDocName, discussionDocName, codebookDocName } from '../../../shared/docNames';

/**
 * What a decision's intent records (write_intents.data, kind `decide`): everything the decision
 * writes, fixed before the first write (a split's new theme id too), so completing it at startup
 * writes the same thing.
 */
interface DecideIntentData {
  transcriptId: string;
  textLength: number;
  key: string;
  /** The decision as the discussion item lists it. */
  decision: Decision;
  /** split: the new theme's description. */
  newThemeDescription?: string;
  /** Its audit event; null for merge and retire, which governTheme audits itself. */
  audit: { action: string; data: Record<string, unknown> } | null;
}

/**
 * A codebook decision taken from a disagreement (issue 6 item 3): rename, redefine, merge,
 * split or retire a theme. The codebook changes through the durable path, so every open client
 * updates; the audit event carries the item key, and the item lists the decision, so the record
 * shows why the codebook changed. Merge and retire reuse governTheme, which audits them itself.
 *
 * All or nothing (issue 14 item 6): a decision writes the codebook (a split also the consensus),
 * the discussion item and the audit trail, which cannot commit together. Everything is checked
 * first, then an intent row commits with the whole decision; the document steps are safe to
 * repeat; the audit event and the intent's deletion commit together. A crash in between leaves
 * the intent, which startup completes (completeDecideIntent): rename, redefine and split are
 * written again to the end, a merge or retirement is listed on its item if the codebook shows it.
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
    const decision: Decision = { op: body.op, themeId: body.themeId, rationale: body.rationale, by: actor.user.id, byName: actor.user.name.slice(0, DISCUSSION_LIMITS.nameLength), at: now };
    const textLength = ctx.transcript.text.length;
    const intentOf = (data: DecideIntentData): WriteIntent => ({ id: newId(), studyId, kind: 'decide', target: body.themeId, actorId: actor.user.id, data: { ...data }, createdAt: now });

    if (body.op === 'merge' || body.op === 'retire') {
      const op = body.op === 'merge' ? { op: 'merge' as const, themeId: body.themeId, into: body.into ?? '' } : { op: 'retire' as const, themeId: body.themeId };
      const data: DecideIntentData = { transcriptId, textLength, key, decision: body.op === 'merge' ? { ...decision, into: body.into ?? '' } : decision, audit: null };
      const intent = intentOf(data);
      await insertWriteIntent(s.db, intent);
      await undoIntentOnRefusal(s, intent, () => governTheme(s, actor, studyId, op, { rationale: body.rationale, disagreementKey: key }, db));
      await listDecision(s, data);
      await deleteWriteIntent(db, intent.id);
      return { decision: data.decision };
    }

    const data = await planDecision(s, studyId, transcriptId, textLength, key, decision, body, link);
    const intent = intentOf(data);
    await insertWriteIntent(s.db, intent); // committed before the codebook changes
    await undoIntentOnRefusal(s, intent, () => applyDecision(s, studyId, data, actor.user.id));
    await listDecision(s, data);
    await inTransaction(db, async (trx) => {
      await appendAudit(trx, { studyId, actorId: actor.user.id, action: data.audit!.action, target: `theme:${body.themeId}`, data: data.audit!.data, at: now });
      await deleteWriteIntent(trx, intent.id);
    });
    return { decision: data.decision };
  }, [consensusDocName(transcriptId), discussionDocName(transcriptId), codebookDocName(studyId)]);
}

/** A step the theme model refuses changed nothing: the intent goes with the refusal. */
async function undoIntentOnRefusal<T>(s: Services, intent: WriteIntent, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await deleteWriteIntent(s.db, intent.id).catch(() => undefined);
    throw error;
  }
}

/**
 * Rename, redefine or split, checked against the codebook (and for a split the consensus)
 * before anything is written: the decision, its audit event and the labels as they are now.
 * A split's listed codings must exist and count for the theme being split.
 */
async function planDecision(s: Services, studyId: string, transcriptId: string, textLength: number, key: string, decision: Decision, body: DecisionRequest, link: Record<string, unknown>): Promise<DecideIntentData> {
  const tree = await withDoc(s, codebookDocName(studyId), (doc) => readThemeTree(doc));
  const theme = tree.byId.get(body.themeId);
  if (!theme && body.op !== 'split') throw notFound('theme');
  const audit = (action: string, data: Record<string, unknown>) => ({ action, data: { themeId: body.themeId, ...data, ...link } });
  if (theme && body.op === 'rename') {
    return { transcriptId, textLength, key, decision: { ...decision, label: body.label ?? '' }, audit: audit('theme.rename', { from: theme.label, to: body.label }) };
  }
  if (theme && body.op === 'redefine') {
    return { transcriptId, textLength, key, decision: { ...decision, description: body.description ?? '' }, audit: audit('theme.redefine', { themeLabel: theme.label, from: theme.description, to: body.description }) };
  }
  const codingIds = [...new Set(body.codingIds ?? [])];
  if (!theme || theme.status === 'retired') throw invalid(`theme ${body.themeId} is not a live theme of this study`);
  const consensus = await withDoc(s, consensusDocName(transcriptId), (doc) => readLayer(doc, textLength).codings);
  for (const id of codingIds) {
    const c = consensus.find((x) => x.id === id);
    if (!c) throw invalid(`consensus coding ${id} not found in this transcript`);
    if (tree.resolve(c.themeId) !== body.themeId) throw invalid(`consensus coding ${id} is not coded with the theme being split`);
  }
  const split = { ...decision, newThemeId: randomId(), label: body.label ?? '', codingIds };
  return { transcriptId, textLength, key, decision: split, newThemeDescription: body.description ?? '', audit: audit('theme.split', { newThemeId: split.newThemeId, label: split.label, codingIds }) };
}

/**
 * Writes a rename, redefinition or split into the codebook (and a split's codings into the
 * consensus). Safe to repeat: the same label or description again, the split's theme only if it
 * is not there yet (its id is fixed in the intent), the same codings moved to it again.
 */
async function applyDecision(s: Services, studyId: string, data: DecideIntentData, by: string): Promise<void> {
  const d = data.decision;
  await withDoc(
    s,
    codebookDocName(studyId),
    (doc) => {
      const theme = readThemeTree(doc).byId.get(d.themeId);
      if (!theme) throw notFound('theme');
      if (d.op === 'rename') renameTheme(doc, d.themeId, d.label ?? '');
      else if (d.op === 'redefine') describeTheme(doc, d.themeId, d.description ?? '');
      else if (!readThemeTree(doc).byId.has(d.newThemeId!)) {
        addTheme(doc, { id: d.newThemeId!, label: d.label ?? '', parentId: theme.parentId, afterId: theme.id, description: data.newThemeDescription ?? '', createdBy: by, createdAt: d.at });
      }
    },
    by,
  );
  if (d.op !== 'split') return;
  await withDoc(
    s,
    consensusDocName(data.transcriptId),
    (doc) => doc.transact(() => (d.codingIds ?? []).forEach((id) => updateCoding(doc, data.textLength, id, { themeId: d.newThemeId! }))),
    by,
  );
}

/** Lists the decision on its discussion item, once: a decision already there (same time, author and operation) is not added again. */
async function listDecision(s: Services, data: DecideIntentData): Promise<void> {
  const d = data.decision;
  await withDoc(
    s,
    discussionDocName(data.transcriptId),
    (doc) => {
      const current = readDiscussion(doc).items.find((i) => i.key === data.key);
      if (!current || current.decisions.some((x) => x.at === d.at && x.by === d.by && x.op === d.op && x.themeId === d.themeId)) return;
      putItem(doc, { ...current, decisions: [...current.decisions, d] });
    },
    d.by,
  );
}

/**
 * Completes a decision a crash interrupted (startup), under the transcript's reconciliation lock.
 * Rename, redefine and split are written to the end and audited (the intent committed only once
 * every check had passed); merge and retire are listed on their item if the codebook shows them
 * (their own governance intent audits them). A step the codebook now refuses rolls it back.
 */
export async function completeDecideIntent(s: Services, intent: WriteIntent): Promise<'completed' | 'rolled back' | 'gone'> {
  const data = intent.data as unknown as DecideIntentData;
  const docs = [consensusDocName(data.transcriptId), discussionDocName(data.transcriptId), codebookDocName(intent.studyId)];
  return reconcileWrite(s, data.transcriptId, async (db: Database) => {
    if (!(await findWriteIntent(db, intent.id))) return 'gone' as const;
    const d = data.decision;
    if (data.audit === null) {
      const op = d.op === 'merge' ? { op: 'merge' as const, themeId: d.themeId, into: d.into ?? '' } : { op: 'retire' as const, themeId: d.themeId };
      const landed = await governanceLanded(s, intent.studyId, op);
      if (landed) await listDecision(s, data);
      await deleteWriteIntent(db, intent.id);
      return landed ? ('completed' as const) : ('rolled back' as const);
    }
    try {
      await applyDecision(s, intent.studyId, data, intent.actorId);
    } catch (error) {
      s.log.warn('intent.decision_refused', { id: intent.id, error: String(error) });
      await deleteWriteIntent(db, intent.id);
      return 'rolled back' as const;
    }
    await listDecision(s, data);
    await inTransaction(db, async (trx) => {
      await appendAudit(trx, { studyId: intent.studyId, actorId: intent.actorId, action: data.audit!.action, target: `theme:${d.themeId}`, data: data.audit!.data, at: d.at });
      await deleteWriteIntent(trx, intent.id);
    });
    return 'completed' as const;
  }, docs);
}
