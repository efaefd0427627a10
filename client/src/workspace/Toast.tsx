import { useEffect } from 'react';

export interface ToastMessage {
  id: number;
  text: string;
  /** Offered after a deletion: puts it back. */
  undo?: () => void;
}

/** A short message at the foot of the window, read out by screen readers; goes after 10 s. */
export function Toast({ toast, onDone }: { toast: ToastMessage | null; onDone: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(onDone, 10_000);
    return () => clearTimeout(t);
  }, [toast, onDone]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast" key={toast.id}>
          <span>{toast.text}</span>
          {toast.undo && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                toast.undo!();
                onDone();
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="link small" aria-label="dismiss" onClick={onDone}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
