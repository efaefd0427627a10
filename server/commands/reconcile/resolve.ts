import { spanError, layerMap, LAYER_MAPS, addCoding } from '../../../shared/coding';
import {
  DISCUSSION_LIMITS,
  type DiscussionItem,
  type Resolution,
  type ResolutionChoice,
  ResolutionError,
  type ResolutionRequest,
  putItem,
  readDiscussion,
  resolutionCodingIds,
  resolutionSpans,
} from '../../../shared/reconcile';
import { invalid, notFound } from '../../errors';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { inTransaction } from '../../store/advisoryLocks';
import { appendAudit } from '../../store/audit';
import type { Actor } from '../access/actor';
import { reconcileContext, requireReconciling } from './access';
import { reconcileWrite } from './lock';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';
import { consensusDocName, discussionDocName } from '../../../shared/docNames';

/**
 * Resolves an item, or revises its resolution (leads): the consensus codings of the previous
 * revision are replaced by the new ones, the previous resolution moves to the item's history, and
 * an audit event (`resolution.create` / `resolution.revise`) records what was written and why.
 *
 * Order, under the transcript's lock (reconcileWrite: across nodes on PostgreSQL): validate, write the consensus, then the discussion, then
 * audit. The consensus ids derive from the item key and revision, and the consensus write first
 * removes ids of that revision, so retrying after a crash between the steps converges.
 */
export async function resolveItem(s: Services, actor: Actor, transcriptId: string, key: string, body: ResolutionRequest) {
  const ctx = await reconcileContext(s, actor, transcriptId, 'reconcile.resolve');
  requireReconciling(ctx);
  const textLength = ctx.transcript.text.length;
  const tree = await loadThemeTree(s, ctx.study.id, viewerOf(ctx, actor.user.id));
  return reconcileWrite(s, transcriptId, async (db) => {
    const item = await withDoc(s, discussionDocName(transcriptId), (doc) => readDiscussion(doc).items.find((i) => i.key === key));
    if (!item) throw notFound('disagreement');
    const choice = choiceOf(body, item, tree.resolve);
    if (choice.kind === 'custom') {
      const theme = tree.byId.get(choice.themeId);
      if (!theme || theme.status === 'retired') throw invalid(`theme ${choice.themeId} is not a live theme of this study`);
      const bad = spanError(choice, textLength);
      if (bad) throw invalid(bad.message);
    }
    let write;
    try {
      write = resolutionSpans(item, choice);
    } catch (e) {
      if (e instanceof ResolutionError) throw invalid(e.message);
      throw e;
    }
    const now = s.now();
    const previous = item.resolution;
    const revision = (previous?.revision ?? 0) + 1;
    const codingIds = resolutionCodingIds(key, revision, write.spans.length);
    const resolution: Resolution = {
      revision,
      kind: write.kind,
      ...(choice.kind === 'accept' ? { coder: choice.coder } : {}),
      themeId: write.themeId,
      spans: write.spans.map((x) => ({ start: x.start, end: x.end })),
      codingIds,
      rationale: body.rationale,
      by: actor.user.id,
      byName: actor.user.name.slice(0, DISCUSSION_LIMITS.nameLength),
      at: now,
    };
    await withDoc(
      s,
      consensusDocName(transcriptId),
      (doc) => {
        const codings = layerMap(doc, LAYER_MAPS.codings);
        doc.transact(() => {
          for (const id of [...(previous?.codingIds ?? []), ...codingIds]) codings.delete(id);
          write.spans.forEach((span, i) => addCoding(doc, textLength, { id: codingIds[i], themeId: write.themeId, start: span.start, end: span.end, createdAt: now }));
        });
      },
      actor.user.id,
    );
    const updated: DiscussionItem = { ...item, status: 'resolved', resolution, history: previous ? [...item.history, previous] : item.history };
    await withDoc(s, discussionDocName(transcriptId), (doc) => putItem(doc, updated), actor.user.id);
    await inTransaction(db, (trx) =>
      appendAudit(trx, {
        studyId: ctx.study.id,
        actorId: actor.user.id,
        action: previous ? 'resolution.revise' : 'resolution.create',
        target: `disagreement:${key}`,
        data: { transcriptId, disagreementKey: key, revision, kind: resolution.kind, coder: resolution.coder ?? null, themeId: resolution.themeId, spans: resolution.spans, codingIds, rationale: resolution.rationale, ...(previous ? { previous: { revision: previous.revision, kind: previous.kind, spans: previous.spans } } : {}) },
        at: now,
      }),
    );
    return { item: updated };
  });
}

function choiceOf(body: ResolutionRequest, item: DiscussionItem, resolve: (id: string) => string): ResolutionChoice {
  switch (body.kind) {
    case 'accept':
      return { kind: 'accept', coder: body.coder ?? '' };
    case 'custom':
      // A theme merged away since the reveal is written as its target, as every reader would count it.
      return { kind: 'custom', themeId: resolve(body.themeId ?? item.themeId), start: body.start ?? 0, end: body.end ?? 0 };
    default:
      return { kind: body.kind };
  }
}
