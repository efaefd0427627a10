import { formatLineRange, lineRangeOf, quoteOf, type Line, type LineRange } from '../transcript';
import type { Span } from './span';

export interface CodingView {
  /** The citation, e.g. `l. 45-47`. */
  readonly lineRange: string;
  readonly lines: LineRange;
  /** The coded text on one line, whitespace runs collapsed. */
  readonly quote: string;
}

/**
 * How a coding (or any note or statement: any span) is cited in a table of themes. The span must
 * be valid for `text`, as every record from readLayer is; `lines` are the frozen transcript's.
 */
export function codingView(span: Span, text: string, lines: readonly Line[]): CodingView {
  const range = lineRangeOf(lines, span.start, span.end);
  return { lineRange: formatLineRange(range), lines: range, quote: quoteOf(text, span.start, span.end) };
}
