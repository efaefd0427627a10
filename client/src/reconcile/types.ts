/**
 * The discussion's shapes come from shared/reconcile, the schemas the server writes with
 * (docs/reconciliation.md); the views only read them.
 */
export { DISAGREEMENT_KINDS, type DisagreementKind } from '../../../shared/agreement/disagreements';
export {
  ITEM_STATUSES,
  RESOLUTION_KINDS,
  type Decision,
  type DiscussionComment,
  type DiscussionItem,
  type ItemStatus,
  type Resolution,
  type ResolutionKind,
  type ResolutionRequest,
} from '../../../shared/reconcile';

export type { Span } from '../../../shared/coding/span';

/** One transcript's discussion as the views use it: live items only, plus progress. */
export interface Discussion {
  items: import('../../../shared/reconcile').DiscussionItem[];
  comments: import('../../../shared/reconcile').DiscussionComment[];
  progress: { resolved: number; total: number };
  revealedAt: number | null;
}
