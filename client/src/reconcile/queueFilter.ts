import type { DisagreementKind, DiscussionItem, ItemStatus } from './types';

export interface QueueFilter {
  transcriptId: string | null;
  /** A theme and everything below it in the tree. */
  themeId: string | null;
  kind: DisagreementKind | null;
  /** `unresolved` is open or discussed: what is left to do. */
  status: ItemStatus | 'unresolved' | null;
  /** Items where this coder coded something (their side of the disagreement). */
  coder: string | null;
}

export const NO_FILTER: QueueFilter = { transcriptId: null, themeId: null, kind: null, status: null, coder: null };

/**
 * Whether an item passes the filter. `pathOf` gives a theme's ancestors-and-self ids (merges
 * already resolved by the theme tree), so filtering on a superordinate theme finds the
 * disagreements on its sub-themes too, as the roll-up in the agreement view does.
 */
export function matchesFilter(item: DiscussionItem, f: QueueFilter, pathOf: (themeId: string) => readonly string[]): boolean {
  if (f.transcriptId && item.transcriptId !== f.transcriptId) return false;
  if (f.kind && item.kind !== f.kind) return false;
  if (f.status === 'unresolved' ? item.status === 'resolved' : f.status && item.status !== f.status) return false;
  if (f.coder && !item.coders.some((c) => c.coder === f.coder && (c.spans.length > 0 || c.otherThemes.length > 0))) return false;
  if (f.themeId) {
    const themes = [item.themeId, ...item.coders.flatMap((c) => c.otherThemes)];
    if (!themes.some((t) => pathOf(t).includes(f.themeId!))) return false;
  }
  return true;
}
