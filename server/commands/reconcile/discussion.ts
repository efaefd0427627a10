import { discussionDocName } from '../../../shared/docNames';
import { DISCUSSION_LIMITS, countComments, progressOf, putComment, putItem, readDiscussion } from '../../../shared/reconcile';
import { randomId } from '../../../shared/randomId';
import { AppError, forbidden, notFound } from '../../errors';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import type { Actor } from '../access/actor';
import { canReadDiscussion, reconcileContext, requireReconciling } from './access';
import { reconcileWrite } from './lock';


/** `GET /api/transcripts/:tid/discussion`: items, comments and progress, as the document holds them. */
export async function getDiscussion(s: Services, actor: Actor, transcriptId: string) {
  const ctx = await reconcileContext(s, actor, transcriptId, 'study.read');
  if (!canReadDiscussion(ctx, actor.user.id)) throw forbidden('the discussion opens when the transcript enters reconciliation');
  const d = await withDoc(s, discussionDocName(transcriptId), (doc) => readDiscussion(doc));
  return { transcript: { id: transcriptId, title: ctx.transcript.title, phase: ctx.transcript.phase }, items: d.items, comments: d.comments, meta: d.meta, progress: progressOf(d.items) };
}

/**
 * Adds a comment to an item's thread (leads and coders; auditors read only). An `open` item
 * becomes `discussed`. Comments are not governance and are not audited: the discussion's update
 * log records each with its author and time. Under the transcript's lock: the item is rewritten
 * whole, so it must not be read before another node's resolution of it.
 */
export async function addComment(s: Services, actor: Actor, transcriptId: string, key: string, text: string) {
  const ctx = await reconcileContext(s, actor, transcriptId, 'reconcile.comment');
  requireReconciling(ctx);
  const comment = { id: randomId(), itemKey: key, author: actor.user.id, authorName: actor.user.name.slice(0, DISCUSSION_LIMITS.nameLength), text, at: s.now() };
  return reconcileWrite(
    s,
    transcriptId,
    () =>
    withDoc(
      s,
      discussionDocName(transcriptId),
      (doc) => {
        const item = readDiscussion(doc).items.find((i) => i.key === key);
        if (!item) throw notFound('disagreement');
        if (countComments(doc) >= DISCUSSION_LIMITS.commentsPerTranscript) throw new AppError('too_large', 'this transcript has reached its limit of comments');
        doc.transact(() => {
          putComment(doc, comment);
          if (item.status === 'open') putItem(doc, { ...item, status: 'discussed' });
        });
        return { comment, status: item.status === 'open' ? 'discussed' : item.status };
      },
      actor.user.id,
    ),
    [discussionDocName(transcriptId)],
  );
}
