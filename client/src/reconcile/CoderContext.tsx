import { lineRangeOf } from '../../../shared/transcript';
import { type Mark, segmentsOf, selectionOffsets } from '../workspace/segments';
import { withAlpha } from '../workspace/colors';
import type { TranscriptText } from './useTranscriptTexts';
import type { DiscussionItem, Span } from './types';

/** Lines shown above and below a disagreement, so its spans are read in their context. */
const CONTEXT_LINES = 2;

export interface ContextColumn {
  id: string;
  title: string;
  color: string;
  spans: readonly Span[];
  note?: string;
}

/**
 * The disagreement's lines once per coder, side by side, each coder's spans in that coder's
 * colour (the colours of the workspace), plus a consensus column once something is resolved.
 * The region under discussion is framed on every column so the eye can compare extents.
 * `onSelect` receives a span selected with the mouse (the lead's custom span).
 */
export function CoderContext(props: { item: DiscussionItem; transcript: TranscriptText; columns: ContextColumn[]; onSelect?: (span: Span) => void }) {
  const { item, transcript, columns } = props;
  const range = lineRangeOf(transcript.lines, item.start, item.end);
  const first = Math.max(1, range.first - CONTEXT_LINES);
  const last = Math.min(transcript.lines.length, range.last + CONTEXT_LINES);
  const lines = transcript.lines.filter((l) => l.n >= first && l.n <= last);
  return (
    <div
      className="rc-context"
      style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}
      onMouseUp={() => {
        const span = props.onSelect && selectionOffsets(transcript.text);
        if (span) props.onSelect!(span);
      }}
    >
      {columns.map((col) => {
        const marks: Mark[] = col.spans.map((s, i) => ({ id: `${col.id}-${i}`, start: s.start, end: s.end, color: col.color, coder: col.id, label: col.title, own: false }));
        return (
          <section key={col.id} className="rc-column" aria-label={`${col.title}'s version`} data-column={col.id}>
            <h4 style={{ borderBottomColor: col.color }}>
              <span className="swatch" style={{ background: col.color }} /> {col.title}
              {col.note && <span className="rc-note">{col.note}</span>}
            </h4>
            <ol className="rc-lines">
              {lines.map((l) => {
                const inRegion = l.end > item.start && l.start < item.end;
                return (
                  <li key={l.n} className={inRegion ? 'in-region' : undefined} data-line={l.n}>
                    <span className="ln">{l.n}</span>
                    <span className="rc-text">
                      {l.end === l.start ? (
                        <span data-s={l.start}>{'\u00a0'}</span>
                      ) : (
                        segmentsOf(l.start, l.end, marks).map((seg) => (
                          <span key={seg.start} data-s={seg.start} className={seg.marks.length ? 'rc-coded' : undefined} style={seg.marks.length ? { background: withAlpha(col.color, 0.28), boxShadow: `inset 0 -2px 0 ${col.color}` } : undefined}>
                            {transcript.text.slice(seg.start, seg.end)}
                          </span>
                        ))
                      )}
                    </span>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
