import { z } from 'zod';
import { IDENTIFIER_KINDS } from './privacy/identifierKinds';

/** An erasure request (docs/privacy.md): why, and the lead's confirmation when a final analysis changes. */
export const EraseBody = z.strictObject({
  reason: z.string().trim().min(1, 'say why (the audit trail records it)').max(2000),
  confirm: z.boolean().optional(),
});

export const DEPARTED_LAYERS = ['keep', 'delete'] as const;

/** A study's privacy settings. `departedLayers`: a departed coder's layers kept (under a pseudonym) or deleted. */
export const StudyPrivacyBody = z.strictObject({ departedLayers: z.enum(DEPARTED_LAYERS) });

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
