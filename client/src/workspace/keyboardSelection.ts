import type { Line } from '../../../shared/transcript';
import { type Prefix, withoutPrefixes } from './speakerPrefixes';

export interface Span {
  start: number;
  end: number;
}

/** The text of lines a..b (positions, either order), without a speaker prefix or edge blanks. */
export function linesSpan(text: string, lines: readonly Line[], a: number, b: number, prefixes: readonly Prefix[]): Span | null {
  const first = lines[Math.min(a, b)];
  const last = lines[Math.max(a, b)];
  if (!first || !last) return null;
  return trimmed(text, { start: first.start, end: last.end }, prefixes);
}

/** A span with blanks at both edges and any speaker prefix at its edges taken off. */
export function trimmed(text: string, span: Span, prefixes: readonly Prefix[]): Span | null {
  const s = withoutPrefixes(span, prefixes);
  if (!s) return null;
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** The offset after the next word from `at` (moving right) or before the previous one (left). */
export function wordStep(text: string, at: number, direction: 1 | -1): number {
  let i = at;
  if (direction === 1) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    while (i < text.length && !/\s/.test(text[i]!)) i++;
  } else {
    while (i > 0 && /\s/.test(text[i - 1]!)) i--;
    while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  }
  return i;
}

/**
 * Moves one edge of a selection by a word: `edge` end grows (1) or shrinks (-1) the selection's
 * end; `edge` start moves its start. Never empties the selection or crosses a speaker prefix.
 */
export function moveEdgeByWord(text: string, span: Span, edge: 'start' | 'end', direction: 1 | -1, prefixes: readonly Prefix[]): Span {
  const next = edge === 'end' ? { start: span.start, end: direction === 1 ? wordStep(text, span.end, 1) : trimEnd(text, wordStep(text, span.end, -1)) } : { start: direction === 1 ? trimStart(text, wordStep(text, span.start, 1)) : wordStep(text, span.start, -1), end: span.end };
  const t = trimmed(text, next, prefixes);
  return t ?? span;
}

function trimEnd(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

function trimStart(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
