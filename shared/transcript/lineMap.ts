import { codePointLength } from './codePointLength';
import type { Line } from './types';

export interface LineMap {
  lines: Line[];
  /** Offset where each paragraph (a `\n`-separated line of the text) starts. */
  paragraphStarts: number[];
}

const WORD = /[^\s]+/g;

/**
 * The numbered lines of a transcript: a view over its text, which stays as received
 * (receiveText). Each paragraph (text between `\n`s) is wrapped greedily at `width` code points,
 * breaking only at runs of blanks; a line is `[start, end)` from its first character to the end
 * of its last word, so the blanks where it wraps and the `\n` that ends a paragraph belong to no
 * line (lineAt counts them with the line before). A paragraph's last line runs to the paragraph's
 * end, trailing blanks included. A word longer than the width is a line of its own. A final `\n`
 * ends the last line and opens none; blank paragraphs elsewhere are numbered lines. Empty text
 * has no lines.
 *
 * The map is stored with the transcript when it is frozen (transcripts.line_map), with the
 * width, and every line reference (citations, CSV `lines`, agreement line units) reads the
 * stored map, so a change here never renumbers a stored transcript.
 *
 * On a text that an earlier Concord froze (hard-wrapped, every line within the width), the map
 * is exactly the text's `\n`-separated lines (linesOf): nothing fits that did not before.
 */
export function lineMap(text: string, width: number): LineMap {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`line width must be a positive integer, got ${width}`);
  const lines: Line[] = [];
  const paragraphStarts: number[] = [];
  if (text === '') return { lines, paragraphStarts };
  const body = text.endsWith('\n') ? text.length - 1 : text.length;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 || nl >= body ? body : nl;
    paragraphStarts.push(start);
    wrapParagraph(text, start, end, width, lines);
    if (end >= body) return { lines, paragraphStarts };
    start = end + 1;
  }
}

function wrapParagraph(text: string, start: number, end: number, width: number, out: Line[]): void {
  const push = (s: number, e: number): void => void out.push({ n: out.length + 1, start: s, end: e });
  const paragraph = text.slice(start, end);
  if (codePointLength(paragraph) <= width) {
    push(start, end);
    return;
  }
  WORD.lastIndex = 0;
  let lineStart = 0;
  let lineEnd = -1;
  let length = 0;
  let match: RegExpExecArray | null;
  while ((match = WORD.exec(paragraph)) !== null) {
    const wordEnd = match.index + match[0].length;
    if (lineEnd < 0) {
      // The first word keeps the paragraph's indentation with it.
      lineEnd = wordEnd;
      length = codePointLength(paragraph.slice(0, wordEnd));
      continue;
    }
    const added = codePointLength(paragraph.slice(lineEnd, wordEnd));
    if (length + added <= width) {
      lineEnd = wordEnd;
      length += added;
    } else {
      push(start + lineStart, start + lineEnd);
      lineStart = match.index;
      lineEnd = wordEnd;
      length = codePointLength(match[0]);
    }
  }
  push(start + lineStart, end);
}
