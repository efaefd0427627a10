import { z } from 'zod';
import { themeIdSchema } from '../themes/storedTheme';

/**
 * The records of a coding layer. A `transcripts/<tid>/layers/<uid>` doc and the
 * `transcripts/<tid>/consensus` doc share this layout: three Y.Maps keyed by record id, each value
 * one plain JSON object (the whole record is one value: a layer has one writer, so field-level
 * merging buys nothing, and a record is then always internally consistent).
 */
export const LAYER_MAPS = { codings: 'codings', notes: 'notes', statements: 'statements' } as const;
export type LayerMapName = (typeof LAYER_MAPS)[keyof typeof LAYER_MAPS];

/** Limits on what one coder can grow in a document every reader downloads. */
export const LAYER_LIMITS = {
  idLength: 64,
  memoLength: 10_000,
  noteLength: 10_000,
  statementLength: 2_000,
  themesPerStatement: 50,
} as const;

export const NOTE_KINDS = ['descriptive', 'linguistic', 'conceptual'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const recordIdSchema = z.string().regex(new RegExp(`^[A-Za-z0-9_-]{1,${LAYER_LIMITS.idLength}}$`));
const offset = z.number().int().nonnegative();
const createdAt = z.number().int().nonnegative();

export const codingSchema = z.object({
  id: recordIdSchema,
  themeId: themeIdSchema,
  start: offset,
  end: offset,
  memo: z.string().max(LAYER_LIMITS.memoLength).optional(),
  createdAt,
});
export type Coding = z.infer<typeof codingSchema>;

/** An exploratory note (IPA's left margin). Notes never enter agreement. */
export const noteSchema = z.object({
  id: recordIdSchema,
  kind: z.enum(NOTE_KINDS),
  text: z.string().trim().min(1).max(LAYER_LIMITS.noteLength),
  start: offset,
  end: offset,
  createdAt,
});
export type Note = z.infer<typeof noteSchema>;

/** An experiential statement (IPA's right margin), linked to the themes it feeds. */
export const statementSchema = z.object({
  id: recordIdSchema,
  text: z.string().trim().min(1).max(LAYER_LIMITS.statementLength),
  start: offset,
  end: offset,
  themeIds: z
    .array(themeIdSchema)
    .max(LAYER_LIMITS.themesPerStatement)
    .transform((ids) => [...new Set(ids)]),
  createdAt,
});
export type Statement = z.infer<typeof statementSchema>;
