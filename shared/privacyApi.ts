import { z } from 'zod';
import { IDENTIFIER_KINDS } from './privacy/identifierKinds';

/** An erasure request (docs/privacy.md): why, and the lead's confirmation when a final analysis changes. */
export const EraseBody = z.strictObject({
  reason: z.string().trim().min(1, 'say why (the audit trail records it)').max(2000),
  confirm: z.boolean().optional(),
});

export const DEPARTED_LAYERS = ['keep', 'delete'] as const;

/** A study's privacy settings. `departedLayers`: a departed coder's layers kept (under a pseudonym) or deleted. */
export const StudyPrivacyBody = z
  .strictObject({
    departedLayers: z.enum(DEPARTED_LAYERS).optional(),
    /** The retention end as an ISO date (YYYY-MM-DD, end of that day UTC), or null to clear it. */
    retentionUntil: z.iso.date().nullable().optional(),
  })
  .refine((b) => b.departedLayers !== undefined || b.retentionUntil !== undefined, 'give departedLayers or retentionUntil');

/** Where a study stands against its retention end: `soon` within the warning period, `due` once passed. */
export type RetentionState = { state: 'none' } | { state: 'ok' | 'soon' | 'due'; until: string; daysLeft: number; warningDays: number };

export function retentionState(until: number | null, now: number, warningDays: number): RetentionState {
  if (until === null) return { state: 'none' };
  const daysLeft = Math.ceil((until - now) / 86_400_000);
  return { state: daysLeft <= 0 ? 'due' : daysLeft <= warningDays ? 'soon' : 'ok', until: new Date(until).toISOString().slice(0, 10), daysLeft, warningDays };
}

/** A lead's "export then erase" (docs/privacy.md): the export's id and the SHA-256 the client computed over the bytes it received. */
export const RetentionEraseBody = z.strictObject({
  exportId: z.string().min(1).max(64),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the downloaded export, 64 lowercase hex digits'),
  reason: z.string().trim().min(1, 'say why (the erasure record keeps it)').max(2000),
  confirm: z.boolean().optional(),
});

/** One accepted replacement of an import's review (offsets into the text before freezing). */
export const PseudonymDecisionSchema = z.strictObject({
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  text: z.string().min(1).max(200),
  replacement: z.string().trim().min(1).max(100),
  kind: z.enum(IDENTIFIER_KINDS),
});
/** Threat: a review list large enough to make the rewrite quadratic; a transcript has far fewer identifiers. */
export const MAX_PSEUDONYM_DECISIONS = 5000;
export const PseudonymDecisions = z.array(PseudonymDecisionSchema).max(MAX_PSEUDONYM_DECISIONS);

/** The lead's own terms (the participant's real name, their clinic, their town), added to the study's key. */
export const KeyTermsBody = z.strictObject({
  terms: z
    .array(z.strictObject({ original: z.string().trim().min(1).max(200), replacement: z.string().trim().min(1).max(100).optional(), kind: z.enum(IDENTIFIER_KINDS).optional() }))
    .min(1)
    .max(500),
});
