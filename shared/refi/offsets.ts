import type { OffsetConvention } from './project';

/**
 * REFI-QDA says positions count characters, but exporters disagree on what a character is and
 * whether the end is included (SOURCES.md; QualCoder reads 0-based end-exclusive code points,
 * some Windows tools count CRLF as one, others write inclusive ends). We try each convention and
 * keep the one under which most selection names equal the text they select.
 */
export const CONVENTIONS: readonly OffsetConvention[] = (['codepoint', 'utf16'] as const).flatMap((unit) =>
  (['two', 'one'] as const).flatMap((crlf) => (['exclusive', 'inclusive'] as const).map((end) => ({ unit, crlf, end }))),
);

/**
 * UTF-16 index of each tool position 0..count (the last entry is text.length), for one way of
 * counting. Built once per source and convention: O(text length).
 */
export function positionTable(text: string, convention: Pick<OffsetConvention, 'unit' | 'crlf'>): Int32Array {
  const out = new Int32Array(text.length + 1);
  let count = 0;
  let i = 0;
  while (i < text.length) {
    out[count++] = i;
    const c = text.charCodeAt(i);
    if (convention.crlf === 'one' && c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else if (convention.unit === 'codepoint' && c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      i += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else i += 1;
  }
  out[count] = text.length;
  return out.subarray(0, count + 1);
}

/** Converts a tool's [start, end] to a UTF-16 [start, end), or null when outside the text. */
export function toUtf16(table: Int32Array, start: number, end: number, convention: OffsetConvention): { start: number; end: number } | null {
  const last = table.length - 1;
  const endPosition = convention.end === 'inclusive' ? end + 1 : end;
  if (!Number.isInteger(start) || !Number.isInteger(endPosition) || start < 0 || endPosition > last || endPosition < start) return null;
  return { start: table[start] ?? 0, end: table[endPosition] ?? 0 };
}

function normalize(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Whether a selection's name is the selected text (names are often the text, sometimes truncated with an ellipsis). */
export function nameMatches(name: string, selected: string): boolean {
  const n = normalize(name);
  if (n.length === 0) return false;
  const s = normalize(selected);
  if (n === s) return true;
  const stem = n.replace(/(\.\.\.|\u2026)$/, '').trimEnd();
  return stem.length >= 8 && stem.length < n.length && s.startsWith(stem);
}
