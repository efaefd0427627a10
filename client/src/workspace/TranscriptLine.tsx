import { memo } from 'react';
import type { Coding, Note, Statement } from '../../../shared/coding';
import type { Line } from '../../../shared/transcript';
import { withAlpha } from './colors';
import { CodingCard } from './margins/CodingCard';
import { NoteCard } from './margins/NoteCard';
import { StatementCard } from './margins/StatementCard';
import { type Mark, segmentsOf } from './segments';
import type { Prefix } from './speakerPrefixes';

/** A record of another coder's layer, with its owner (open mode, when their layer is shown). */
export type Owned<T> = T & { ownerId: string };

export interface TranscriptLineProps {
  line: Line;
  /** The line's text (not including its line break). */
  text: string;
  /** The speaker prefix on this line, if a turn starts here. */
  prefix: Prefix | null;
  marks: readonly Mark[];
  notes: readonly Note[];
  codings: readonly Coding[];
  statements: readonly Statement[];
  otherNotes: ReadonlyArray<Owned<Note>>;
  otherCodings: ReadonlyArray<Owned<Coding>>;
  otherStatements: ReadonlyArray<Owned<Statement>>;
  /** Colours of the coders with a coding on this line, for the gutter stripes. */
  stripes: ReadonlyArray<{ coder: string; color: string; name: string }>;
  /** A peer whose selection touches this line (presence). */
  peer: { name: string; color: string } | null;
  cursor: boolean;
  canWrite: boolean;
  /** Rendered in full (near the viewport); otherwise a plain numbered text row (useRowWindow). */
  full: boolean;
}

/**
 * One numbered line of the worksheet: its notes (left margin), coder stripes, number, text with
 * highlights, and its codings and statements (right margin), each placed beside the line it
 * starts on. Memoised: a line re-renders only when its own props change. Away from the viewport
 * (`full` false) it is only its number and plain text, with room kept for its cards (the CSS
 * variable --cards) so the scroll height hardly moves when it is rendered in full.
 */
export const TranscriptLine = memo(function TranscriptLine(p: TranscriptLineProps) {
  const { line: l } = p;
  const left = p.notes.length + p.otherNotes.length;
  const right = p.codings.length + p.statements.length + p.otherCodings.length + p.otherStatements.length;
  const hasMargin = left + right > 0;
  if (!p.full)
    return (
      <li
        id={`l-${l.n}`}
        className={`ws-row plain${p.cursor ? ' cursor' : ''}${hasMargin ? ' has-margin' : ''}`}
        data-line={l.n}
        data-line-start={l.start}
        data-line-end={l.end}
        style={hasMargin ? ({ '--cards': Math.max(left, right) } as React.CSSProperties) : undefined}
      >
        <div className="ln">{l.n}</div>
        <div className="text-col">
          <span data-s={l.start}>{l.end === l.start ? '\u00a0' : p.text}</span>
        </div>
      </li>
    );
  return (
    <li id={`l-${l.n}`} className={`ws-row${p.cursor ? ' cursor' : ''}${hasMargin ? ' has-margin' : ''}`} data-line={l.n} data-line-start={l.start} data-line-end={l.end}>
      <div className="margin-left">
        {p.notes.map((n) => (
          <NoteCard key={n.id} note={n} canWrite={p.canWrite} ownerId={null} />
        ))}
        {p.otherNotes.map((n) => (
          <NoteCard key={n.id} note={n} canWrite={false} ownerId={n.ownerId} />
        ))}
      </div>
      <div className="gutter" aria-hidden>
        {p.stripes.map((s) => (
          <span key={s.coder} className="stripe" style={{ background: s.color }} title={s.name} data-coder={s.coder} />
        ))}
      </div>
      <div className="ln">{l.n}</div>
      <div
        className="text-col"
        style={p.peer ? { boxShadow: `inset 3px 0 0 ${p.peer.color}` } : undefined}
        title={p.peer ? `${p.peer.name} is looking here` : undefined}
      >
        {l.end === l.start ? <span data-s={l.start}>{'\u00a0'}</span> : <LineText {...p} />}
      </div>
      <div className="margin-right">
        {p.codings.map((c) => (
          <CodingCard key={c.id} coding={c} canWrite={p.canWrite} ownerId={null} />
        ))}
        {p.statements.map((s) => (
          <StatementCard key={s.id} statement={s} canWrite={p.canWrite} ownerId={null} />
        ))}
        {p.otherCodings.map((c) => (
          <CodingCard key={c.id} coding={c} canWrite={false} ownerId={c.ownerId} />
        ))}
        {p.otherStatements.map((s) => (
          <StatementCard key={s.id} statement={s} canWrite={false} ownerId={s.ownerId} />
        ))}
      </div>
    </li>
  );
});

function LineText({ line: l, text, prefix, marks }: TranscriptLineProps) {
  const from = prefix ? Math.min(prefix.end, l.end) : l.start;
  return (
    <>
      {prefix && (
        <span className="speaker" data-s={l.start}>
          {text.slice(0, from - l.start)}
        </span>
      )}
      {from < l.end &&
        segmentsOf(from, l.end, marks).map((seg) => {
          const coded = seg.marks.filter((m) => !m.selection);
          const selected = seg.marks.length !== coded.length;
          const className = [coded.length ? 'coded' : '', selected ? 'selected' : ''].filter(Boolean).join(' ') || undefined;
          return (
            <span
              key={seg.start}
              data-s={seg.start}
              className={className}
              data-coders={coded.length ? [...new Set(coded.map((m) => m.coder))].join(' ') : undefined}
              title={coded.map((m) => m.label).join('\n') || undefined}
              style={coded.length ? markStyle(coded) : undefined}
            >
              {text.slice(seg.start - l.start, seg.end - l.start)}
            </span>
          );
        })}
    </>
  );
}

/** The first mark colours the background; every further one adds an underline, so overlaps stay readable. */
function markStyle(marks: Mark[]): React.CSSProperties {
  const [first, ...rest] = marks;
  const shadows = rest.map((m, i) => `inset 0 -${(i + 1) * 3}px 0 ${withAlpha(m.color, 0.9)}`);
  return {
    background: withAlpha(first!.color, first!.own ? 0.32 : 0.18),
    ...(shadows.length ? { boxShadow: shadows.join(', ') } : {}),
    ...(first!.own ? {} : { textDecoration: `underline dotted ${first!.color}` }),
  };
}
