import { useEffect, useRef } from 'react';

export interface WorkspaceKeyHandlers {
  /** A number key 1-9 (index 0-8); returns whether it was used. */
  onQuick: (index: number) => boolean;
  onFind: () => void;
  onEscape: () => void;
  onHelp: () => void;
  onNote: () => void;
  onUndo: () => void;
  onRedo: () => void;
}

/**
 * The worksheet's keys, on the window: they never fire while typing in a field. The handlers
 * are read from a ref, so the listener is installed once.
 */
export function useWorkspaceKeys(handlers: WorkspaceKeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      // Fields keep their own keys (their text's undo included).
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const h = ref.current;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'z' || e.key === 'Z' || e.key === 'y')) {
        e.preventDefault();
        if (e.key === 'y' || e.shiftKey) h.onRedo();
        else h.onUndo();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^[1-9]$/.test(e.key)) {
        if (h.onQuick(Number(e.key) - 1)) e.preventDefault();
      } else if (e.key === '/') {
        e.preventDefault();
        h.onFind();
      } else if (e.key === '?') {
        e.preventDefault();
        h.onHelp();
      } else if (e.key === 'n') {
        e.preventDefault();
        h.onNote();
      } else if (e.key === 'Escape') {
        h.onEscape();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
