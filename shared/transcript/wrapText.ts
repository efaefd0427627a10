import { codePointLength } from './codePointLength';
import { BLANK } from './whitespace';
import type { Line } from './types';

export interface WrappedText {
  text: string;
  lines: Line[];
  /** Offset in `text` where each paragraph (a line of the input) starts. */
  paragraphStarts: number[];
}

const INDENT = new RegExp(`^${BLANK}*`);
const GAP_THEN_WORD = `(${BLANK}+)(\\S+)`;

/**
 * Greedy hard wrap of normalised text at `width` code points.
 *
 * Breaks happen only at runs of blanks, and the whole run is replaced by the `\n`, so no line ends
 * in a blank. A paragraph's indentation stays glued to its first word (breaking there would leave
 * an empty line that the next freeze would collapse). A word longer than the width is kept whole
 * on a line of its own: splitting it would put a break inside a word (or a URL, or an emoji
 * sequence) that no reader would recognise, and a long line is harmless to citation.
 *
 * Width is counted in code points, not UTF-16 units (an emoji is one character to a reader) and
 * not grapheme clusters (their boundaries change with the Unicode version of the runtime, and the
 * same text must wrap the same way in the browser and on the server, today and next year).
 */
export function wrapText(normalized: string, width: number): WrappedText {
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`line width must be a positive integer, got ${width}`);
  }
  const out: string[] = [];
  const paragraphStarts: number[] = [];
  let offset = 0;
  if (normalized === '') return { text: '', lines: [], paragraphStarts: [] };
  for (const paragraph of normalized.split('\n')) {
    paragraphStarts.push(offset);
    for (const piece of wrapParagraph(paragraph, width)) {
      out.push(piece);
      offset += piece.length + 1;
    }
  }
  const text = out.join('\n');
  const lines: Line[] = [];
  let start = 0;
  out.forEach((piece, i) => {
    lines.push({ n: i + 1, start, end: start + piece.length });
    start += piece.length + 1;
  });
  return { text, lines, paragraphStarts };
}

function wrapParagraph(paragraph: string, width: number): string[] {
  if (codePointLength(paragraph) <= width) return [paragraph];
  const indent = INDENT.exec(paragraph)?.[0] ?? '';
  const firstWordEnd = paragraph.slice(indent.length).search(/\s/);
  if (firstWordEnd < 0) return [paragraph];
  let current = paragraph.slice(0, indent.length + firstWordEnd);
  let currentLength = codePointLength(current);
  const pieces: string[] = [];
  // Normalised paragraphs contain no `\n` and end in a word, so gap+word pairs cover the rest.
  const gapThenWord = new RegExp(GAP_THEN_WORD, 'y');
  gapThenWord.lastIndex = current.length;
  let match: RegExpExecArray | null;
  while ((match = gapThenWord.exec(paragraph)) !== null) {
    const gap = match[1] ?? '';
    const word = match[2] ?? '';
    const gapLength = codePointLength(gap);
    const wordLength = codePointLength(word);
    if (currentLength + gapLength + wordLength <= width) {
      current += gap + word;
      currentLength += gapLength + wordLength;
    } else {
      pieces.push(current);
      current = word;
      currentLength = wordLength;
    }
  }
  pieces.push(current);
  return pieces;
}
