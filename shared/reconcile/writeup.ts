import * as Y from 'yjs';
import { z } from 'zod';
import { themeIdSchema } from '../themes';
import { recordIdSchema } from '../coding/layerRecords';

/**
 * The lead's write-up of the table of themes (issue 15 item 5), document `studies/<sid>/writeup`,
 * written by the server only (REST commands through withDoc, audited), read by every member, as
 * the table of themes is. Two Y.Maps:
 * - `keyQuotes`: the evidence the lead marked as a key quote for a theme and a participant, one
 *   entry per (theme, evidence); unmarking deletes the entry (the audit trail keeps the history);
 * - `order`: the write-up order of a parent's sub-themes (key: the parent's id, `''` for the top
 *   level), a list of theme ids; themes not listed follow in the codebook's order.
 * It is a document of its own, not the codebook's order keys: the write-up is done when the
 * codebook is final (read-only for everyone), and the order of a report is the lead's alone,
 * whereas coders move themes in the codebook as they work (docs/reconciliation.md).
 */
export const WRITEUP_KEY_QUOTES = 'keyQuotes';
export const WRITEUP_ORDER = 'order';
/** The `order` key of the top level (no theme id is empty). */
export const TOP_LEVEL = '';

export const EVIDENCE_KINDS = ['extract', 'statement'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const by = { by: z.string().min(1).max(64), byName: z.string().max(200), at: z.number().int().nonnegative() };

export const keyQuoteSchema = z.object({
  themeId: themeIdSchema,
  participantId: z.string().min(1).max(64),
  kind: z.enum(EVIDENCE_KINDS),
  /** A consensus coding of the extract (any of its passage's codings), or a statement's id. */
  evidenceId: recordIdSchema,
  ...by,
});
export type KeyQuote = z.infer<typeof keyQuoteSchema>;

export const writeupOrderSchema = z.object({ themeIds: z.array(themeIdSchema).max(1_000), ...by });
export type WriteupOrder = z.infer<typeof writeupOrderSchema>;

export interface Writeup {
  readonly keyQuotes: readonly KeyQuote[];
  /** Parent id (`''` for the top level) -> the sub-themes' write-up order. */
  readonly order: ReadonlyMap<string, readonly string[]>;
}

export const EMPTY_WRITEUP: Writeup = { keyQuotes: [], order: new Map() };

export const keyQuoteKey = (themeId: string, kind: EvidenceKind, evidenceId: string) => `${themeId} ${kind} ${evidenceId}`;

/** The write-up as stored; a malformed entry is skipped and reported, never thrown. */
export function readWriteup(doc: Y.Doc): Writeup & { problems: string[] } {
  const problems: string[] = [];
  const keyQuotes: KeyQuote[] = [];
  for (const [key, value] of doc.getMap<unknown>(WRITEUP_KEY_QUOTES).entries()) {
    const parsed = keyQuoteSchema.safeParse(value instanceof Y.AbstractType ? null : value);
    if (parsed.success && keyQuoteKey(parsed.data.themeId, parsed.data.kind, parsed.data.evidenceId) === key) keyQuotes.push(parsed.data);
    else problems.push(`key quote ${JSON.stringify(key.slice(0, 80))} ignored`);
  }
  keyQuotes.sort((a, b) => a.at - b.at);
  const order = new Map<string, readonly string[]>();
  for (const [key, value] of doc.getMap<unknown>(WRITEUP_ORDER).entries()) {
    const parsed = writeupOrderSchema.safeParse(value instanceof Y.AbstractType ? null : value);
    if (parsed.success) order.set(key, parsed.data.themeIds);
    else problems.push(`write-up order of ${JSON.stringify(key.slice(0, 80))} ignored`);
  }
  return { keyQuotes, order, problems };
}

/** Marks (or with `key: false` unmarks) a key quote; the caller has checked the evidence exists. Answers whether anything changed. */
export function putKeyQuote(doc: Y.Doc, quote: KeyQuote, key: boolean): boolean {
  const map = doc.getMap<unknown>(WRITEUP_KEY_QUOTES);
  const id = keyQuoteKey(quote.themeId, quote.kind, quote.evidenceId);
  if (key === map.has(id)) return false;
  if (key) map.set(id, quote);
  else map.delete(id);
  return true;
}

export function putWriteupOrder(doc: Y.Doc, parentKey: string, order: WriteupOrder): void {
  doc.getMap<unknown>(WRITEUP_ORDER).set(parentKey, order);
}

/**
 * Themes (in the codebook's display order: parents before their sub-themes) in the write-up
 * order: each parent's sub-themes sorted by the lead's list, unlisted ones after the listed in
 * their codebook order, every subtree kept together. A theme whose parent is not in the list
 * (an orphan under a retired theme) counts as top level.
 */
export function inWriteupOrder<T extends { readonly id: string; readonly parentId: string | null }>(themes: readonly T[], order: ReadonlyMap<string, readonly string[]>): T[] {
  if (order.size === 0) return [...themes];
  const ids = new Set(themes.map((t) => t.id));
  const groupOf = (t: T) => writeupGroupOf(t, (id) => ids.has(id));
  const children = new Map<string, T[]>();
  for (const t of themes) children.set(groupOf(t), [...(children.get(groupOf(t)) ?? []), t]);
  const out: T[] = [];
  const visit = (group: string) => {
    const list = children.get(group) ?? [];
    const rank = new Map((order.get(group) ?? []).map((id, i) => [id, i]));
    const sorted = list.map((t, i) => ({ t, i, r: rank.get(t.id) ?? Number.MAX_SAFE_INTEGER })).sort((a, b) => a.r - b.r || a.i - b.i);
    for (const { t } of sorted) {
      out.push(t);
      visit(t.id);
    }
  };
  visit(TOP_LEVEL);
  return out;
}

/** The group a theme is reordered within (its parent's id, `''` at the top), as inWriteupOrder reads it. */
export function writeupGroupOf(theme: { readonly parentId: string | null }, isLive: (id: string) => boolean): string {
  return theme.parentId !== null && isLive(theme.parentId) ? theme.parentId : TOP_LEVEL;
}

/** Marks or unmarks one piece of evidence of a theme as a key quote (the participant is the evidence's). */
export const KeyQuoteRequest = z.strictObject({ themeId: themeIdSchema, kind: z.enum(EVIDENCE_KINDS), evidenceId: recordIdSchema, key: z.boolean() });
export type KeyQuoteRequest = z.infer<typeof KeyQuoteRequest>;

/**
 * Moves a theme within its parent for the write-up: after `afterId` (a sibling), or first with
 * null. `parentId`, when given, must be the theme's parent: a move across parents is refused.
 */
export const WriteupOrderRequest = z.strictObject({ themeId: themeIdSchema, afterId: themeIdSchema.nullable(), parentId: themeIdSchema.nullable().optional() });
export type WriteupOrderRequest = z.infer<typeof WriteupOrderRequest>;
