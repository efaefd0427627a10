import { CommentBody, DecisionBody, ResolutionBody, RevealBody } from '../../../shared/reconcile';
import { addComment, getDiscussion } from '../../commands/reconcile/discussion';
import { decideFromItem } from '../../commands/reconcile/decision';
import { layerAtReveal } from '../../commands/reconcile/layers';
import { resolveItem } from '../../commands/reconcile/resolve';
import { revealBatch } from '../../commands/reconcile/reveal';
import { setTranscriptPhase } from '../../commands/transcripts/transcripts';
import { route } from '../route';

/** Reconciliation routes (docs/reconciliation.md); reveal of one transcript is its phase route. */
export const reconcileRoutes = () => [
  route({
    method: 'post',
    path: '/api/studies/:sid/reveal',
    summary: 'Reveal a batch of transcripts: each moves coding -> reconciling, with snapshots, agreed regions and discussion items (leads)',
    tag: 'reconciliation',
    auth: 'session',
    body: RevealBody,
    handler: async ({ s, actor, params, body }) => revealBatch(s, actor!, params.sid!, body.transcriptIds, (tid) => setTranscriptPhase(s, actor!, tid, 'reconciling')),
  }),
  route({
    method: 'get',
    path: '/api/transcripts/:tid/discussion',
    summary: 'Disagreement items, comments and progress of a transcript (members once reconciling, auditors)',
    tag: 'reconciliation',
    auth: 'session',
    handler: async ({ s, actor, params }) => getDiscussion(s, actor!, params.tid!),
  }),
  route({
    method: 'post',
    path: '/api/transcripts/:tid/discussion/:key/comments',
    summary: 'Comment on a disagreement (leads, coders); an open item becomes discussed',
    tag: 'reconciliation',
    auth: 'session',
    body: CommentBody,
    status: 201,
    handler: async ({ s, actor, params, body }) => addComment(s, actor!, params.tid!, params.key!, body.text),
  }),
  route({
    method: 'post',
    path: '/api/transcripts/:tid/discussion/:key/resolution',
    summary: 'Resolve or revise a disagreement (leads): accept a coder, union, intersection, custom span and theme, or drop, with a rationale; writes the consensus; audited',
    tag: 'reconciliation',
    auth: 'session',
    body: ResolutionBody,
    handler: async ({ s, actor, params, body }) => resolveItem(s, actor!, params.tid!, params.key!, body),
  }),
  route({
    method: 'post',
    path: '/api/transcripts/:tid/discussion/:key/decision',
    summary: 'A codebook decision taken from a disagreement (leads): rename, redefine, merge, split or retire; audited with the item key',
    tag: 'reconciliation',
    auth: 'session',
    body: DecisionBody,
    handler: async ({ s, actor, params, body }) => decideFromItem(s, actor!, params.tid!, params.key!, body),
  }),
  route({
    method: 'get',
    path: '/api/transcripts/:tid/layers/:uid/at-reveal',
    summary: "A coder's layer as it stood when the transcript entered reconciliation (leads, auditors; members once revealed)",
    tag: 'reconciliation',
    auth: 'session',
    handler: async ({ s, actor, params }) => layerAtReveal(s, actor!, params.tid!, params.uid!),
  }),
];
