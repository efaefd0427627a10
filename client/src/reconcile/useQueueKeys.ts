import { useEffect, useRef } from 'react';
import type { ResolutionKind } from './types';

export interface QueueKeyHandlers {
  next: () => void;
  prev: () => void;
  focusComment: () => void;
  /** null when the user may not resolve: the resolution keys then do nothing. */
  choose: ((kind: ResolutionKind, coderIndex?: number) => void) | null;
  toggleHelp: () => void;
}

const KIND_BY_KEY: Record<string, Exclude<ResolutionKind, 'accept'>> = { u: 'union', i: 'intersection', e: 'custom', x: 'drop' };

export const SHORTCUTS: Array<[string, string]> = [
  ['j / ↓', 'next disagreement'],
  ['k / ↑', 'previous disagreement'],
  ['c', 'write a comment'],
  ['1-9', "accept that coder's version (leads)"],
  ['u / i / e / x', 'union / intersection / custom / drop (leads)'],
  ['Ctrl+Enter', 'send the comment or the resolution'],
  ['Esc', 'leave a text field (back to the queue keys)'],
  ['?', 'show or hide these shortcuts'],
];

/**
 * Queue shortcuts, active while focus is not in a text field (typing a comment must never move
 * the queue). Handlers are read through a ref so the listener is attached once.
 */
export function useQueueKeys(handlers: QueueKeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) {
        // Escape hands the keyboard back to the queue without losing what was typed.
        if (e.key === 'Escape') target.blur();
        return;
      }
      const h = ref.current;
      const kind = KIND_BY_KEY[e.key];
      let handled = true;
      if (e.key === 'j' || e.key === 'ArrowDown') h.next();
      else if (e.key === 'k' || e.key === 'ArrowUp') h.prev();
      else if (e.key === 'c') h.focusComment();
      else if (e.key === '?') h.toggleHelp();
      else if (/^[1-9]$/.test(e.key) && h.choose) h.choose('accept', Number(e.key) - 1);
      else if (kind && h.choose) h.choose(kind);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
