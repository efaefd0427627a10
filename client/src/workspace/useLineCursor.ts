import { useCallback, useMemo, useRef, useState } from 'react';
import type { Line } from '../../../shared/transcript';
import { lineIndexAt } from './lineIndex';
import { linesSpan, moveEdgeByWord, type Span } from './keyboardSelection';
import type { Prefix } from './speakerPrefixes';

export interface LineCursor {
  /** Position in `lines` of the line cursor (null before the transcript was focused). */
  cursor: number | null;
  onKeyDown: (e: React.KeyboardEvent) => void;
  onFocus: () => void;
  /** What a screen reader hears on the last move. */
  announcement: string;
}

/**
 * Keyboard selection in the focused transcript: arrows move a line cursor, Shift+arrows extend
 * the selection by line, Shift+Ctrl+arrows move its end by a word and Shift+Alt+arrows its start,
 * Space selects the cursor's line, Enter opens the theme picker.
 */
export function useLineCursor(text: string, lines: readonly Line[], prefixes: readonly Prefix[], selection: Span | null, setSelection: (s: Span | null) => void, onPick: () => void, reveal: (i: number) => void): LineCursor {
  const [cursor, setCursor] = useState<number | null>(null);
  const anchor = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const show = useCallback(
    (i: number) => {
      reveal(i);
      setAnnouncement(`Line ${lines[i]!.n} of ${lines.length}: ${text.slice(lines[i]!.start, lines[i]!.end) || 'blank'}`);
    },
    [lines, text, reveal],
  );
  const onFocus = useCallback(() => {
    if (cursor !== null || lines.length === 0) return;
    const from = selection ? lineIndexAt(lines, selection.start) : 0;
    setCursor(from);
    show(from);
  }, [cursor, lines, selection, show]);

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent) => {
      // Only the transcript itself: keys typed in a margin card's fields or on its buttons (they sit inside the list) stay theirs.
      if (lines.length === 0 || e.target !== e.currentTarget) return;
      const at = cursor ?? 0;
      const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 10 : e.key === 'PageUp' ? -10 : 0;
      if (step !== 0 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        const next = Math.max(0, Math.min(lines.length - 1, at + step));
        if (e.shiftKey) {
          if (anchor.current === null || !selection) anchor.current = at;
          setSelection(linesSpan(text, lines, anchor.current, next, prefixes));
        } else {
          anchor.current = null;
        }
        setCursor(next);
        show(next);
        return;
      }
      if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && e.shiftKey && (e.ctrlKey || e.altKey)) {
        e.preventDefault();
        const base = selection ?? linesSpan(text, lines, at, at, prefixes);
        if (!base) return;
        const from = selection ?? { start: base.start, end: base.start };
        const moved = moveEdgeByWord(text, from, e.altKey ? 'start' : 'end', e.key === 'ArrowRight' ? 1 : -1, prefixes);
        setSelection(moved);
        setAnnouncement(`Selected: ${text.slice(moved.start, moved.end)}`);
        return;
      }
      if (e.key === ' ' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        anchor.current = at;
        setSelection(linesSpan(text, lines, at, at, prefixes));
        return;
      }
      if (e.key === 'Enter') {
        e.preventDefault();
        if (!selection) setSelection(linesSpan(text, lines, at, at, prefixes));
        onPick();
      }
    },
    [cursor, lines, text, prefixes, selection, setSelection, onPick, show],
  );
  // One object while none of its parts change, so the memoised rows skip renders that are not theirs.
  return useMemo(() => ({ cursor, onKeyDown, onFocus, announcement }), [cursor, onKeyDown, onFocus, announcement]);
}
