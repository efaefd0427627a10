import { z } from 'zod';
import { DISAGREEMENT_KINDS } from '../agreement/disagreementKinds';
import { themeIdSchema } from '../themes';

/**
 * The values of a `transcripts/<tid>/discussion` document (docs/reconciliation.md). The server is
 * the only writer, but every reader validates what it shows: a value from an older server version
 * or a corrupted log is skipped, never trusted.
 */
export const DISCUSSION_LIMITS = {
  commentLength: 5_000,
  rationaleLength: 5_000,
  /** Every member downloads the whole document, and coders can add comments: a cap bounds it. */
  commentsPerTranscript: 20_000,
  nameLength: 200,
} as const;

export const ITEM_STATUSES = ['open', 'discussed', 'resolved'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const RESOLUTION_KINDS = ['accept', 'union', 'intersection', 'custom', 'drop'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

export const DECISION_OPS = ['rename', 'redefine', 'merge', 'split', 'retire'] as const;
export type DecisionOp = (typeof DECISION_OPS)[number];

const offset = z.number().int().nonnegative();
export const spanSchema = z.object({ start: offset, end: offset });
export type SpanValue = z.infer<typeof spanSchema>;
const userId = z.string().min(1).max(64);
const name = z.string().max(DISCUSSION_LIMITS.nameLength);
const time = z.number().int().nonnegative();

export const resolutionSchema = z.object({
  revision: z.number().int().positive(),
  kind: z.enum(RESOLUTION_KINDS),
  coder: userId.optional(),
  themeId: themeIdSchema,
  /** What the resolution wrote into the consensus layer (may be empty: drop, intersection). */
  spans: z.array(spanSchema),
  codingIds: z.array(z.string()),
  rationale: z.string().min(1).max(DISCUSSION_LIMITS.rationaleLength),
  by: userId,
  byName: name,
  at: time,
});
export type Resolution = z.infer<typeof resolutionSchema>;

/** A codebook decision taken from an item; also recorded in the audit trail with the item key. */
export const decisionSchema = z.object({
  op: z.enum(DECISION_OPS),
  themeId: themeIdSchema,
  /** split: the theme created for the moved codings. */
  newThemeId: themeIdSchema.optional(),
  label: z.string().optional(),
  description: z.string().optional(),
  into: themeIdSchema.optional(),
  codingIds: z.array(z.string()).optional(),
  rationale: z.string().min(1).max(DISCUSSION_LIMITS.rationaleLength),
  by: userId,
  byName: name,
  at: time,
});
export type Decision = z.infer<typeof decisionSchema>;

export const itemSchema = z.object({
  key: z.string().min(1).max(64),
  transcriptId: z.string().min(1).max(64),
  themeId: themeIdSchema,
  kind: z.enum(DISAGREEMENT_KINDS),
  start: offset,
  end: offset,
  lines: z.object({ from: z.number().int(), to: z.number().int(), label: z.string() }).nullable(),
  quote: z.string(),
  coders: z.array(z.object({ coder: userId, spans: z.array(spanSchema), otherThemes: z.array(themeIdSchema) })),
  status: z.enum(ITEM_STATUSES),
  createdAt: time,
  resolution: resolutionSchema.optional(),
  history: z.array(resolutionSchema),
  decisions: z.array(decisionSchema).default([]),
  /** Set when a later reveal (after stepping back to coding) no longer finds this region. */
  supersededAt: time.optional(),
});
export type DiscussionItem = z.infer<typeof itemSchema>;

export const commentSchema = z.object({
  id: z.string().min(1).max(64),
  itemKey: z.string().min(1).max(64),
  author: userId,
  authorName: name,
  text: z.string().min(1).max(DISCUSSION_LIMITS.commentLength),
  at: time,
});
export type DiscussionComment = z.infer<typeof commentSchema>;

export const metaSchema = z.object({
  revealedAt: time.optional(),
  revealedBy: userId.optional(),
  /** The consensus codings the reveal copied from agreed regions (replaced by a later reveal). */
  agreedCodingIds: z.array(z.string()).default([]),
});
export type DiscussionMeta = z.infer<typeof metaSchema>;
