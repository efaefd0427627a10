import { z } from 'zod';

/** An erasure request (docs/privacy.md): why, and the lead's confirmation when a final analysis changes. */
export const EraseBody = z.strictObject({
  reason: z.string().trim().min(1, 'say why (the audit trail records it)').max(2000),
  confirm: z.boolean().optional(),
});

export const DEPARTED_LAYERS = ['keep', 'delete'] as const;

/** A study's privacy settings. `departedLayers`: a departed coder's layers kept (under a pseudonym) or deleted. */
export const StudyPrivacyBody = z.strictObject({ departedLayers: z.enum(DEPARTED_LAYERS) });
