import { z } from 'zod';
import { PseudonymDecisions } from './privacyApi';
import { ThemeChangeSchema } from './themes/themeChange';
import { TABLE_NOTES_SETTINGS } from './reconcile/tableNotes';
import { CODEBOOK_PHASES, CODING_MODES, ROLES, TRANSCRIPT_PHASES } from './domain';

/**
 * Request schemas of the HTTP API, shared by the server (validation) and the client (forms).
 * Objects are strict: an unknown field is a 400, never silently ignored.
 */
const email = z.string().trim().toLowerCase().max(254).email();
const name = z.string().trim().min(1).max(120);
const password = z.string().min(8, 'at least 8 characters').max(256);

/** `setupToken`: the one-time token the server printed at start (missing or wrong: 403 setup_token_invalid). */
export const SetupBody = z.strictObject({ email, name, password, setupToken: z.string().max(200).optional() });
export const LoginBody = z.strictObject({ email: z.string().max(254), password: z.string().max(256) });
export const PasswordBody = z.strictObject({ currentPassword: z.string().max(256), newPassword: password });
export const AcceptInvitationBody = z.strictObject({ name, password });

export const TerminologySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('2022') }),
  z.strictObject({ kind: z.literal('2009') }),
  z.strictObject({ kind: z.literal('custom'), levels: z.array(z.string().trim().min(1).max(60)).min(1).max(8) }),
]);
export const RecurrenceRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fraction'), value: z.number().gt(0).lte(1) }),
  z.strictObject({ kind: z.literal('count'), value: z.number().int().min(1).max(10_000) }),
]);

const studyFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  codingMode: z.enum(CODING_MODES).optional(),
  terminology: TerminologySchema.optional(),
  lineWidth: z.number().int().min(30).max(200).optional(),
  recurrenceRule: RecurrenceRuleSchema.optional(),
  independentThemes: z.boolean().optional(),
  tableNotes: z.enum(TABLE_NOTES_SETTINGS).optional(),
};
export const CreateStudyBody = z.strictObject(studyFields);
export const PatchStudyBody = z.strictObject({ ...studyFields, title: studyFields.title.optional(), codebookPhase: z.enum(CODEBOOK_PHASES).optional() });

export const PatchMemberBody = z.strictObject({ role: z.enum(ROLES) });
export const InvitationBody = z.strictObject({ email, role: z.enum(ROLES), claimUserId: z.string().min(1).max(64).optional() });

export const ParticipantBody = z.strictObject({
  pseudonym: z.string().trim().min(1).max(60),
  attributes: z.record(z.string().max(60), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
});

export const TranscriptBody = z.strictObject({
  participantId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(2_000_000),
});

/** A phase step; `rationale` (why a transcript is reopened) goes into the audit trail. */
export const PhaseBody = z.strictObject({ phase: z.enum(TRANSCRIPT_PHASES), rationale: z.string().trim().min(1).max(2000).optional() });

/** One transcript file, base64-encoded (browser upload and API). */
export const TranscriptFileBody = z.strictObject({
  name: z.string().trim().min(1).max(255),
  data: z.base64().max(15_000_000),
  participantId: z.string().min(1).max(64).optional(),
  pseudonym: z.string().trim().min(1).max(60).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  /** Accepted replacements from the preview's review (docs/privacy.md), applied before freezing. */
  pseudonymise: PseudonymDecisions.optional(),
});

export const ThemeGovernanceBody = z.strictObject({
  rationale: z.string().trim().max(5000).optional(),
  disagreementKey: z.string().max(200).optional(),
});
export const MergeThemeBody = ThemeGovernanceBody.extend({ into: z.string().min(1).max(64) });
/** A coder's proposal to change a governed theme (docs/theme-model.md "Proposals"). */
export const ProposeThemeChangeBody = z.strictObject({ change: ThemeChangeSchema, rationale: z.string().trim().max(5000).optional() });
export const DecideProposalBody = z.strictObject({ note: z.string().trim().max(5000).optional() });

const idList = z
  .string()
  .max(20_000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const AgreementQuery = z.strictObject({
  unit: z.enum(['line', 'turn', 'character', 'continuum']).default('line'),
  rollup: flag.default(false),
  coders: idList.optional(),
  transcripts: idList.optional(),
  themes: idList.optional(),
  bootstrap: z.coerce.number().int().min(100).max(10_000).optional(),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export const DisagreementQuery = z.strictObject({
  rollup: flag.default(false),
  coders: idList.optional(),
  themes: idList.optional(),
});
