import { z } from 'zod';
import { isOrderKey } from './orderKey';

/** Limits on what a client may store; a codebook is read by every member, so it must stay small. */
export const THEME_LIMITS = {
  labelLength: 200,
  descriptionLength: 5_000,
  idLength: 64,
  /** Level names and depth: deeper IPA hierarchies than this are not in the literature. */
  maxLevels: 10,
  levelNameLength: 80,
} as const;

export const THEME_STATUSES = ['active', 'final', 'retired'] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

/** Same alphabet as document names (shared/docNames.ts), so ids can appear in paths and URLs. */
export const themeIdSchema = z.string().regex(new RegExp(`^[A-Za-z0-9_-]{1,${THEME_LIMITS.idLength}}$`));

export const themeLabelSchema = z
  .string()
  .trim()
  .min(1)
  .max(THEME_LIMITS.labelLength)
  .refine((s) => !/[\n\r]/.test(s), 'a label is one line');

export const themeDescriptionSchema = z.string().max(THEME_LIMITS.descriptionLength);

/** `#rrggbb`, the one form every colour picker and the REFI-QDA export accept. */
export const themeColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/);

export const orderKeySchema = z.string().refine(isOrderKey, 'not a fractional order key');

export const positionSchema = z.object({
  parentId: themeIdSchema.nullable(),
  order: orderKeySchema,
});
export type Position = z.infer<typeof positionSchema>;

/** A merged theme is always retired: the union makes `active` + `mergedInto` unrepresentable. */
export const lifecycleSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('active') }),
  z.object({ status: z.literal('final') }),
  z.object({ status: z.literal('retired'), mergedInto: themeIdSchema.optional() }),
]);
export type Lifecycle = z.infer<typeof lifecycleSchema>;

/** One theme as stored in the codebook (the JSON form of its nested Y.Map). */
export const storedThemeSchema = z.object({
  label: themeLabelSchema,
  description: themeDescriptionSchema.default(''),
  color: themeColorSchema,
  position: positionSchema,
  lifecycle: lifecycleSchema,
  createdBy: z.string().min(1).max(THEME_LIMITS.idLength),
  createdAt: z.number().int().nonnegative(),
  /**
   * The case (transcript id) a personal theme belongs to: a personal experiential theme made on
   * that participant's clustering board, or one of its sub-themes (docs/theme-model.md, boards).
   * Absent for every other theme.
   */
  caseId: themeIdSchema.optional(),
});
export type StoredTheme = z.infer<typeof storedThemeSchema>;

export const levelsSchema = z
  .object({
    names: z.array(z.string().trim().min(1).max(THEME_LIMITS.levelNameLength)).min(1).max(THEME_LIMITS.maxLevels),
    maxDepth: z.number().int().min(1).max(THEME_LIMITS.maxLevels),
  });
export type Levels = z.infer<typeof levelsSchema>;
