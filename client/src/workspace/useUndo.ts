import { useCallback, useEffect, useState } from 'react';
import * as Y from 'yjs';
import { LAYER_MAPS } from '../../../shared/coding';

export interface Undo {
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Undo and redo of this coder's own edits in their layer. Yjs' UndoManager tracks only local
 * transactions (origin null): edits that arrive from the server (another tab, a lead's merge)
 * and restored offline edits are never undone by this tab. Other coders write other documents,
 * so their work is out of its reach altogether. Each action is its own step (no merging by time).
 */
export function useUndo(doc: Y.Doc | null): Undo {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!doc) return;
    const m = new Y.UndoManager(
      Object.values(LAYER_MAPS).map((name) => doc.getMap(name)),
      { captureTimeout: 0 },
    );
    const bump = () => setTick((t) => t + 1);
    m.on('stack-item-added', bump);
    m.on('stack-item-popped', bump);
    m.on('stack-cleared', bump);
    setManager(m);
    return () => {
      m.destroy();
      setManager(null);
    };
  }, [doc]);
  const undo = useCallback(() => void manager?.undo(), [manager]);
  const redo = useCallback(() => void manager?.redo(), [manager]);
  return {
    undo,
    redo,
    canUndo: (manager?.undoStack.length ?? 0) > 0,
    canRedo: (manager?.redoStack.length ?? 0) > 0,
  };
}
