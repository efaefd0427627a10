/** A highlight drawn on the transcript: one coding of one coder. */
export interface Mark {
  id: string;
  start: number;
  end: number;
  color: string;
  coder: string;
  label: string;
  own: boolean;
  /** The coder's current selection, painted like a mark so it survives re-renders. */
  selection?: boolean;
}

export interface Segment {
  start: number;
  end: number;
  marks: Mark[];
}

/**
 * Splits [from, to) at every mark boundary inside it, so each piece is covered by one fixed set
 * of marks. Overlapping codings stay readable because each piece lists all of its marks.
 */
export function segmentsOf(from: number, to: number, marks: readonly Mark[]): Segment[] {
  const inside = marks.filter((m) => m.start < to && m.end > from);
  const cuts = new Set<number>([from, to]);
  for (const m of inside) {
    if (m.start > from) cuts.add(m.start);
    if (m.end < to) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    out.push({ start, end, marks: inside.filter((m) => m.start < end && m.end > start) });
  }
  return out;
}

/** Maps a DOM selection point inside the transcript to a text offset (elements carry data-s). */
export function pointToOffset(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const host = node.parentElement?.closest<HTMLElement>('[data-s]');
    if (!host) return null;
    return Number(host.dataset.s) + offset;
  }
  const el = node as HTMLElement;
  const seg = el.closest?.<HTMLElement>('[data-s]');
  if (seg) return Number(seg.dataset.s) + (offset > 0 ? (seg.textContent?.length ?? 0) : 0);
  const line = el.closest?.<HTMLElement>('[data-line-start]');
  if (line) return offset > 0 ? Number(line.dataset.lineEnd) : Number(line.dataset.lineStart);
  return null;
}

/** The current selection as [start, end) in the text, or null when it is empty or outside. */
export function selectionOffsets(text: string): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const a = pointToOffset(range.startContainer, range.startOffset);
  const b = pointToOffset(range.endContainer, range.endOffset);
  if (a === null || b === null) return null;
  let start = Math.min(a, b);
  let end = Math.max(a, b);
  // Whitespace at the edges is never meant: trim it so spans cite words.
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}
