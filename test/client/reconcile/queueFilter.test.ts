import { describe, expect, it } from 'vitest';
import { NO_FILTER, matchesFilter } from '../../../client/src/reconcile/queueFilter';
import type { DiscussionItem } from '../../../client/src/reconcile/types';

const item = (over: Partial<DiscussionItem>): DiscussionItem => ({
  key: 'k1',
  transcriptId: 't1',
  themeId: 'child',
  kind: 'presence',
  start: 0,
  end: 10,
  lines: { from: 1, to: 1, label: 'l. 1' },
  quote: 'quote',
  coders: [
    { coder: 'alice', spans: [{ start: 0, end: 10 }], otherThemes: [] },
    { coder: 'bob', spans: [], otherThemes: [] },
  ],
  status: 'open',
  createdAt: 1,
  history: [],
  decisions: [],
  ...over,
});
// child sits under parent; other is a root of its own.
const paths: Record<string, string[]> = { parent: ['parent'], child: ['parent', 'child'], other: ['other'] };
const pathOf = (id: string) => paths[id] ?? [id];

describe('the reconciliation queue filter', () => {
  it('passes everything when nothing is chosen', () => {
    expect(matchesFilter(item({}), NO_FILTER, pathOf)).toBe(true);
  });

  it('finds a sub-theme’s disagreements under its parent theme, and a category item under its other theme', () => {
    expect(matchesFilter(item({}), { ...NO_FILTER, themeId: 'parent' }, pathOf)).toBe(true);
    expect(matchesFilter(item({}), { ...NO_FILTER, themeId: 'other' }, pathOf)).toBe(false);
    const category = item({ kind: 'category', coders: [{ coder: 'alice', spans: [{ start: 0, end: 10 }], otherThemes: [] }, { coder: 'bob', spans: [], otherThemes: ['other'] }] });
    expect(matchesFilter(category, { ...NO_FILTER, themeId: 'other' }, pathOf)).toBe(true);
  });

  it('keeps a coder’s items only where that coder coded something', () => {
    expect(matchesFilter(item({}), { ...NO_FILTER, coder: 'alice' }, pathOf)).toBe(true);
    expect(matchesFilter(item({}), { ...NO_FILTER, coder: 'bob' }, pathOf)).toBe(false);
  });

  it('treats "unresolved" as open or discussed', () => {
    const f = { ...NO_FILTER, status: 'unresolved' as const };
    expect(matchesFilter(item({ status: 'open' }), f, pathOf)).toBe(true);
    expect(matchesFilter(item({ status: 'discussed' }), f, pathOf)).toBe(true);
    expect(matchesFilter(item({ status: 'resolved' }), f, pathOf)).toBe(false);
  });

  it('filters by transcript and by kind', () => {
    expect(matchesFilter(item({}), { ...NO_FILTER, transcriptId: 't2' }, pathOf)).toBe(false);
    expect(matchesFilter(item({}), { ...NO_FILTER, kind: 'boundary' }, pathOf)).toBe(false);
    expect(matchesFilter(item({ kind: 'boundary' }), { ...NO_FILTER, kind: 'boundary' }, pathOf)).toBe(true);
  });
});
