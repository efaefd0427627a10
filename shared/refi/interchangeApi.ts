import { z } from 'zod';

/**
 * Bodies and queries of the interchange routes (docs/interchange.md). Files travel base64-encoded
 * in JSON like transcript uploads (shared/api.ts TranscriptFileBody). The base64 limit is the
 * server's file limit (50 MiB) times 4/3; the server checks the decoded size again.
 */
export const REFI_UPLOAD_BASE64_MAX = Math.ceil((50 * 1024 * 1024 * 4) / 3) + 4;

export const RefiFileBody = z.strictObject({
  name: z.string().trim().min(1).max(255),
  data: z.base64().max(REFI_UPLOAD_BASE64_MAX),
});

/** Most coders one import may map onto existing accounts (the same as it may create). */
export const MAX_USER_MAPPINGS = 50;

/**
 * A project import, optionally mapping the file's users (by name or GUID, as the preview lists
 * them) to the e-mail addresses of existing accounts; unmapped users become pending accounts.
 */
export const ProjectImportBody = RefiFileBody.extend({
  users: z
    .record(z.string().trim().min(1).max(200), z.string().trim().toLowerCase().email())
    .refine((m) => Object.keys(m).length <= MAX_USER_MAPPINGS, `at most ${MAX_USER_MAPPINGS} user mappings`)
    .optional(),
});

export const CodebookImportBody = RefiFileBody.extend({
  /** false: a preview of added, renamed and unchanged themes; true: merge into the open codebook. */
  merge: z.boolean().default(false),
});

export const ProjectExportQuery = z.object({ format: z.enum(['qdpx', 'qde']).default('qdpx') });
export const CsvExportQuery = z.object({ what: z.enum(['codings', 'themes']) });

/**
 * A Set of the imported file, shown read-only (GET /api/studies/:sid/groups): its codes as the
 * study's themes, its sources as the study's transcripts. `missing` counts members the study does
 * not hold (a source that was skipped, a code left out); `notes` counts MemberNotes.
 */
export interface StudyGroup {
  readonly guid: string;
  readonly name: string;
  readonly description: string;
  readonly themes: readonly { readonly id: string; readonly label: string }[];
  readonly transcripts: readonly { readonly id: string; readonly title: string }[];
  readonly notes: number;
  readonly missing: number;
}
