import { useEffect, useRef } from 'react';

export interface WorkspaceKeyHandlers {
  /** A number key 1-9 (index 0-8); returns whether it was used. */
  onQuick: (index: number) => boolean;
  onFind: () => void;
  onEscape: () => void;
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
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const h = ref.current;
      if (/^[1-9]$/.test(e.key)) {
        if (h.onQuick(Number(e.key) - 1)) e.preventDefault();
      } else if (e.key === '/') {
        e.preventDefault();
        h.onFind();
      } else if (e.key === 'Escape') {
        h.onEscape();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
