import { CodebookDecisionBody } from '../../../shared/reconcile';
import { decideCodebook } from '../../commands/codebookReconcile/decide';
import { codebookReconciliation } from '../../commands/codebookReconcile/view';
import { route } from '../route';

/** Codebook reconciliation routes (docs/reconciliation.md, "Codebook reconciliation"). */
export const codebookReconcileRoutes = () => [
  route({
    method: 'get',
    path: '/api/studies/:sid/codebook/reconciliation',
    summary: "Every coder's private themes beside the shared codebook, with the lead's decisions and suggested matches (name similarity, overlap of coded lines) (leads, auditors)",
    tag: 'reconciliation',
    auth: 'session',
    handler: async ({ s, actor, params }) => codebookReconciliation(s, actor, params.sid),
  }),
  route({
    method: 'post',
    path: '/api/studies/:sid/codebook/decisions',
    summary: 'Decide on private themes (leads, after the reveal): map onto a theme, merge into a new shared theme, promote, or exclude, with a rationale; a decision on a decided theme revises it; audited',
    tag: 'reconciliation',
    auth: 'session',
    body: CodebookDecisionBody,
    handler: async ({ s, actor, params, body }) => decideCodebook(s, actor, params.sid, body),
  }),
];
