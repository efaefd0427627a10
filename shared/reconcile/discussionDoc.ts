import type * as Y from 'yjs';
import { type DiscussionComment, type DiscussionItem, type DiscussionMeta, commentSchema, itemSchema, metaSchema } from './discussionSchema';

/** The Y.Maps of a discussion document; each value is one whole JSON record (one writer: the server). */
export const DISCUSSION_MAPS = { items: 'items', comments: 'comments', meta: 'meta' } as const;
const META_KEYS = ['revealedAt', 'revealedBy', 'agreedCodingIds'] as const;

export interface Discussion {
  /** By position in the transcript, then theme. */
  readonly items: readonly DiscussionItem[];
  /** Oldest first. */
  readonly comments: readonly DiscussionComment[];
  readonly meta: DiscussionMeta;
  /** Values that failed validation, skipped. */
  readonly problems: readonly string[];
}

export function readDiscussion(doc: Y.Doc): Discussion {
  const problems: string[] = [];
  const items: DiscussionItem[] = [];
  for (const [key, value] of doc.getMap<unknown>(DISCUSSION_MAPS.items).entries()) {
    const parsed = itemSchema.safeParse(value);
    if (parsed.success && parsed.data.key === key) items.push(parsed.data);
    else problems.push(`item ${JSON.stringify(key.slice(0, 80))} ignored`);
  }
  const comments: DiscussionComment[] = [];
  for (const [id, value] of doc.getMap<unknown>(DISCUSSION_MAPS.comments).entries()) {
    const parsed = commentSchema.safeParse(value);
    if (parsed.success && parsed.data.id === id) comments.push(parsed.data);
    else problems.push(`comment ${JSON.stringify(id.slice(0, 80))} ignored`);
  }
  const metaMap = doc.getMap<unknown>(DISCUSSION_MAPS.meta);
  const rawMeta = Object.fromEntries(META_KEYS.filter((k) => metaMap.has(k)).map((k) => [k, metaMap.get(k)]));
  const parsedMeta = metaSchema.safeParse(rawMeta);
  if (!parsedMeta.success) problems.push('meta ignored');
  items.sort((a, b) => a.start - b.start || a.end - b.end || cmp(a.themeId, b.themeId) || cmp(a.key, b.key));
  comments.sort((a, b) => a.at - b.at || cmp(a.id, b.id));
  return { items, comments, meta: parsedMeta.success ? parsedMeta.data : { agreedCodingIds: [] }, problems };
}

export function putItem(doc: Y.Doc, item: DiscussionItem): void {
  doc.getMap<unknown>(DISCUSSION_MAPS.items).set(item.key, plain(item));
}

export function putComment(doc: Y.Doc, comment: DiscussionComment): void {
  doc.getMap<unknown>(DISCUSSION_MAPS.comments).set(comment.id, plain(comment));
}

export function putMeta(doc: Y.Doc, meta: DiscussionMeta): void {
  const map = doc.getMap<unknown>(DISCUSSION_MAPS.meta);
  for (const k of META_KEYS) if (meta[k] !== undefined) map.set(k, meta[k]);
}

export function countComments(doc: Y.Doc): number {
  return doc.getMap<unknown>(DISCUSSION_MAPS.comments).size;
}

/** Resolved items out of the live ones (superseded items no longer count). */
export function progressOf(items: readonly DiscussionItem[]): { resolved: number; total: number } {
  const live = items.filter((i) => i.supersededAt === undefined);
  return { resolved: live.filter((i) => i.status === 'resolved').length, total: live.length };
}

/** Yjs stores `undefined` members as such; JSON round-trips drop them, so records are stored plain. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
