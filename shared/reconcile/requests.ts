import { z } from 'zod';
import { themeIdSchema, themeLabelSchema } from '../themes';
import { DECISION_OPS, DISCUSSION_LIMITS, RESOLUTION_KINDS } from './discussionSchema';
import { EXPORT_FORMATS } from './exportFormats';

/** Request bodies of the reconciliation routes (docs/reconciliation.md), shared with the client. */
const rationale = z.string().trim().min(1, 'a rationale is required').max(DISCUSSION_LIMITS.rationaleLength);
const id = z.string().min(1).max(64);

export const RevealBody = z.strictObject({ transcriptIds: z.array(id).min(1).max(500) });

export const CommentBody = z.strictObject({ text: z.string().trim().min(1).max(DISCUSSION_LIMITS.commentLength) });

export const ResolutionBody = z
  .strictObject({
    kind: z.enum(RESOLUTION_KINDS),
    coder: id.optional(),
    themeId: themeIdSchema.optional(),
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
    rationale,
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'accept' && !b.coder) ctx.addIssue({ code: 'custom', path: ['coder'], message: 'accept names the coder whose version is kept' });
    if (b.kind === 'custom' && (b.start === undefined || b.end === undefined)) ctx.addIssue({ code: 'custom', path: ['start'], message: 'custom needs start and end' });
  });
export type ResolutionRequest = z.infer<typeof ResolutionBody>;

export const DecisionBody = z
  .strictObject({
    op: z.enum(DECISION_OPS),
    themeId: themeIdSchema,
    label: themeLabelSchema.optional(),
    description: z.string().max(5_000).optional(),
    into: themeIdSchema.optional(),
    codingIds: z.array(id).max(10_000).optional(),
    rationale,
  })
  .superRefine((b, ctx) => {
    const need = (field: 'label' | 'description' | 'into' | 'codingIds', why: string) => {
      if (b[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
    };
    if (b.op === 'rename') need('label', 'rename needs the new label');
    if (b.op === 'redefine') need('description', 'redefine needs the new description');
    if (b.op === 'merge') need('into', 'merge needs the theme to merge into');
    if (b.op === 'split') {
      need('label', 'split needs the label of the new theme');
      need('codingIds', 'split needs the consensus codings to move');
    }
  });
export type DecisionRequest = z.infer<typeof DecisionBody>;

// In a module without zod, so the screens' export links can import them alone.
export { EXPORT_FORMATS, type ExportFormat } from './exportFormats';
export const ExportQuery = z.strictObject({ format: z.enum(EXPORT_FORMATS).default('json') });
export const AuditExportQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });
