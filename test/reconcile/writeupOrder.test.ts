import { describe, expect, it } from 'vitest';
import { inWriteupOrder } from '../../shared/reconcile';

// A codebook in display order (parents before sub-themes): A > (A1, A2 > A2x), B, C > C1.
const themes = [
  { id: 'A', parentId: null },
  { id: 'A1', parentId: 'A' },
  { id: 'A2', parentId: 'A' },
  { id: 'A2x', parentId: 'A2' },
  { id: 'B', parentId: null },
  { id: 'C', parentId: null },
  { id: 'C1', parentId: 'C' },
  // An orphan: its parent is retired (not in the list), so it counts as top level.
  { id: 'O', parentId: 'retired' },
];
const ids = (order: Array<[string, string[]]>) => inWriteupOrder(themes, new Map(order)).map((t) => t.id);

describe('write-up order', () => {
  it('is the codebook order until the lead orders anything', () => {
    expect(ids([])).toEqual(['A', 'A1', 'A2', 'A2x', 'B', 'C', 'C1', 'O']);
  });

  it('sorts each parent\'s listed sub-themes first, keeps every subtree together and puts unlisted themes after in codebook order', () => {
    expect(ids([['', ['C', 'A']], ['A', ['A2']]])).toEqual(['C', 'C1', 'A', 'A2', 'A2x', 'A1', 'B', 'O']);
    // Ids no longer in the tree (a theme retired since) are ignored.
    expect(ids([['', ['gone', 'O', 'B']]])).toEqual(['O', 'B', 'A', 'A1', 'A2', 'A2x', 'C', 'C1']);
  });
});
