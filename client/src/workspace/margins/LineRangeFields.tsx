import type { Line } from '../../../../shared/transcript';
import { lineIndexAt } from '../lineIndex';

export interface LineRangeValue {
  first: number;
  last: number;
}

/** The line numbers a span covers (1-based, inclusive). */
export function lineRangeValue(lines: readonly Line[], span: { start: number; end: number }): LineRangeValue {
  const first = lineIndexAt(lines, span.start) + 1;
  const last = lineIndexAt(lines, Math.max(span.start, span.end - 1)) + 1;
  return { first, last };
}

/**
 * The span for an edited line range: unchanged when the range is unchanged (a span may start
 * mid-line), otherwise whole lines from the first to the last.
 */
export function spanForRange(lines: readonly Line[], span: { start: number; end: number }, range: LineRangeValue): { start: number; end: number } | null {
  const before = lineRangeValue(lines, span);
  if (before.first === range.first && before.last === range.last) return null;
  const a = lines[Math.min(range.first, range.last) - 1];
  const b = lines[Math.max(range.first, range.last) - 1];
  if (!a || !b) throw new Error(`lines run from 1 to ${lines.length}`);
  return { start: a.start, end: Math.max(b.end, a.start + 1) };
}

/** Two number fields: the first and last line of a note or statement. */
export function LineRangeFields({ value, max, onChange, what }: { value: LineRangeValue; max: number; onChange: (v: LineRangeValue) => void; what: string }) {
  return (
    <span className="line-range">
      <label>
        from l.
        <input type="number" min={1} max={max} value={value.first} aria-label={`${what} first line`} onChange={(e) => onChange({ ...value, first: Number(e.target.value) })} />
      </label>
      <label>
        to
        <input type="number" min={1} max={max} value={value.last} aria-label={`${what} last line`} onChange={(e) => onChange({ ...value, last: Number(e.target.value) })} />
      </label>
    </span>
  );
}
