import type * as Y from 'yjs';
import { z } from 'zod';
import type { CodebookChange } from '../access';
import { describeTheme, recolourTheme, renameTheme } from './editTheme';
import { moveTheme } from './moveTheme';
import { retireTheme } from './retireTheme';
import { themeColorSchema, themeDescriptionSchema, themeIdSchema, themeLabelSchema } from './storedTheme';

/**
 * One change to one theme, as a coder proposes it for a governed theme (issue 16 item 5,
 * docs/theme-model.md "Proposals") and as the lead's acceptance applies it. The values are
 * validated with the codebook's own schemas, so a proposal that is stored can be applied unless
 * the tree changed meanwhile (then the model's refusal answers the acceptance).
 */
export const ThemeChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rename'), label: themeLabelSchema }),
  z.strictObject({ kind: z.literal('describe'), description: themeDescriptionSchema }),
  z.strictObject({ kind: z.literal('recolour'), color: themeColorSchema }),
  z.strictObject({ kind: z.literal('move'), parentId: themeIdSchema.nullable(), afterId: themeIdSchema.nullable().optional() }),
  z.strictObject({ kind: z.literal('retire') }),
]);
export type ThemeChange = z.infer<typeof ThemeChangeSchema>;
export type ThemeChangeKind = ThemeChange['kind'];

/** What a change is for the codebook's one decision (shared/access.ts decideCodebookChange). */
export function codebookChangeOf(kind: ThemeChangeKind): CodebookChange {
  if (kind === 'rename') return 'theme.rename';
  if (kind === 'retire') return 'theme.lifecycle';
  return 'theme.edit';
}

/** Applies a change with the theme model's operations (each validates, then writes in one transaction). */
export function applyThemeChange(doc: Y.Doc, themeId: string, change: ThemeChange, shared?: Y.Doc): void {
  switch (change.kind) {
    case 'rename':
      return renameTheme(doc, themeId, change.label);
    case 'describe':
      return describeTheme(doc, themeId, change.description);
    case 'recolour':
      return recolourTheme(doc, themeId, change.color);
    case 'move':
      return moveTheme(doc, themeId, { parentId: change.parentId, ...(change.afterId !== undefined ? { afterId: change.afterId } : {}) }, shared);
    case 'retire':
      return retireTheme(doc, themeId);
  }
}

/** A short human description ("rename to “Loss”"), for the lead's list and the audit trail. */
export function describeThemeChange(change: ThemeChange, labelOf: (id: string) => string): string {
  switch (change.kind) {
    case 'rename':
      return `rename to “${change.label}”`;
    case 'describe':
      return change.description ? `describe as “${change.description}”` : 'remove the description';
    case 'recolour':
      return `recolour to ${change.color}`;
    case 'move':
      return change.parentId ? `move under “${labelOf(change.parentId)}”` : 'move to the top level';
    case 'retire':
      return 'retire';
  }
}

export const PROPOSAL_STATUSES = ['open', 'accepted', 'declined'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A proposal as the REST door answers it. */
export interface ThemeProposal {
  id: string;
  studyId: string;
  themeId: string;
  proposerId: string;
  change: ThemeChange;
  rationale: string;
  status: ProposalStatus;
  createdAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionNote: string | null;
}

/** The codebook document's root map whose `rev` the server bumps when proposals change (a signal, no content). */
export const PROPOSALS_SIGNAL_MAP = 'proposals';
