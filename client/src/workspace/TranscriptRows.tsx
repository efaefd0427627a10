import { type MutableRefObject, type ReactElement, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Line } from '../../../shared/transcript';
import type { Prefix } from './speakerPrefixes';
import { TranscriptLine, type TranscriptLineProps } from './TranscriptLine';
import type { LineCursor } from './useLineCursor';
import { useRowWindow } from './useRowWindow';
import type { useWorksheetRows } from './useWorksheetRows';

export interface TranscriptRowsProps {
  text: string;
  lines: readonly Line[];
  prefixes: readonly Prefix[];
  rows: ReturnType<typeof useWorksheetRows>;
  lineCursor: LineCursor;
  canWrite: boolean;
  listRef: MutableRefObject<HTMLOListElement | null>;
  /** Set to this list's reveal, for the line cursor (it lives above the list). */
  revealRef: MutableRefObject<((i: number, block: ScrollLogicalPosition) => void) | null>;
}

/** Plain rows added per idle callback after the first frame. */
const ROWS_PER_CHUNK = 300;

/** The line asked for by the address (`#l-12`), as a position in `lines`, or null. */
function hashLine(lines: readonly Line[]): number | null {
  const m = /^#l-(\d+)$/.exec(window.location.hash);
  if (!m) return null;
  const i = lines.findIndex((l) => l.n === Number(m[1]));
  return i < 0 ? null : i;
}

/**
 * The numbered transcript: one row per line, in full only near the viewport (useRowWindow). The
 * address's line (`#l-12`, from extracts and the reconciliation queue) is rendered and centred
 * on load and when the hash changes; before printing every row is rendered in full. Memoised: the
 * worksheet's renders that change nothing here (its save status, a panel, a toast) skip the
 * 1,200 rows' reconciliation.
 */
export const TranscriptRows = memo(function TranscriptRows({ text, lines, prefixes, rows, lineCursor, canWrite, listRef, revealRef }: TranscriptRowsProps) {
  const initial = useMemo(() => hashLine(lines), [lines]);
  const win = useRowWindow(listRef, lines.length, initial ?? 0);
  const { reveal: revealRow, showAll: showAllRows } = win;

  // First pass: only the rows from line 1 to the end of the window (the window's rows in full,
  // the few above it plain), so the first frame costs the viewport, not the transcript. The plain
  // rows for the rest are added after that frame, in chunks when the browser is idle, so find,
  // select-all, copy and anchors work on every line a moment later (docs/workspace.md).
  const [shown, setShown] = useState(() => Math.min(lines.length, win.to));
  const complete = shown >= lines.length;
  useEffect(() => {
    if (complete) return;
    const idle = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 200 }) : window.setTimeout(f, 16));
    const cancel = (h: number) => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(h) : window.clearTimeout(h));
    let handle = 0;
    // After the frame that shows the first pass (a frame callback runs before it is painted).
    const frame = requestAnimationFrame(() => {
      handle = idle(() => setShown((n) => Math.min(lines.length, n + ROWS_PER_CHUNK)));
    });
    return () => {
      cancelAnimationFrame(frame);
      cancel(handle);
    };
  }, [shown, complete, lines.length]);
  // A row asked for before the plain rows reached it (an anchor, the line cursor): every row first.
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const reveal = useCallback(
    (i: number, block: ScrollLogicalPosition) => {
      if (i >= shownRef.current) flushSync(() => setShown(lines.length));
      revealRow(i, block);
    },
    [lines.length, revealRow],
  );
  revealRef.current = reveal;
  const showAll = useMemo(
    () => () => {
      flushSync(() => setShown(lines.length));
      showAllRows();
    },
    [lines.length, showAllRows],
  );

  useEffect(() => {
    const toHash = () => {
      const i = hashLine(lines);
      if (i !== null) reveal(i, 'center');
    };
    toHash();
    window.addEventListener('hashchange', toHash);
    window.addEventListener('beforeprint', showAll);
    return () => {
      window.removeEventListener('hashchange', toHash);
      window.removeEventListener('beforeprint', showAll);
    };
  }, [lines, reveal, showAll]);

  const prefixAt = useMemo(() => {
    const m = new Map<number, Prefix>();
    for (const p of prefixes) m.set(p.start, p);
    return m;
  }, [prefixes]);
  // Each line's text, cut once per transcript rather than on every render of the 1,200 rows.
  const lineTexts = useMemo(() => lines.map((l) => text.slice(l.start, l.end)), [text, lines]);
  const { marks, notesAt, codingsAt, statementsAt, otherNotesAt, otherCodingsAt, otherStatementsAt, stripes, peerAt } = rows;
  // Each row's element is kept while its props are the same values: a coding then creates the
  // elements of the rows it changed, not 1,200 elements (and props objects) for React to compare
  // and the collector to sweep. React skips an element it has seen before without comparing.
  const elements = useRef<Array<ReactElement<TranscriptLineProps> | undefined>>([]);
  const count = complete ? lines.length : shown;
  const items: Array<ReactElement<TranscriptLineProps>> = new Array(count);
  for (let i = 0; i < count; i++) {
    const l = lines[i]!;
    const prefix = prefixAt.get(l.start) ?? null;
    const peer = peerAt.get(l.n) ?? null;
    const cursor = lineCursor.cursor === i;
    const full = i >= win.from && i < win.to;
    const prev = elements.current[i];
    const p = prev?.props;
    if (
      prev && p && p.line === l && p.text === lineTexts[i] && p.prefix === prefix && p.marks === marks[i] && p.notes === notesAt[i] && p.codings === codingsAt[i] &&
      p.statements === statementsAt[i] && p.otherNotes === otherNotesAt[i] && p.otherCodings === otherCodingsAt[i] && p.otherStatements === otherStatementsAt[i] &&
      p.stripes === stripes[i] && p.peer === peer && p.cursor === cursor && p.canWrite === canWrite && p.full === full
    ) {
      items[i] = prev;
      continue;
    }
    const el = (
      <TranscriptLine
        key={l.n}
        line={l}
        text={lineTexts[i]!}
        prefix={prefix}
        marks={marks[i]!}
        notes={notesAt[i]!}
        codings={codingsAt[i]!}
        statements={statementsAt[i]!}
        otherNotes={otherNotesAt[i]!}
        otherCodings={otherCodingsAt[i]!}
        otherStatements={otherStatementsAt[i]!}
        stripes={stripes[i]!}
        peer={peer}
        cursor={cursor}
        canWrite={canWrite}
        full={full}
      />
    );
    elements.current[i] = el;
    items[i] = el;
  }
  if (elements.current.length > lines.length) elements.current.length = lines.length;
  return (
    <ol
      className="lines"
      id="transcript"
      aria-label="transcript lines"
      aria-describedby="transcript-help"
      tabIndex={0}
      ref={listRef}
      onKeyDown={lineCursor.onKeyDown}
      onFocus={(e) => e.target === e.currentTarget && lineCursor.onFocus()}
    >
      {items}
    </ol>
  );
});
