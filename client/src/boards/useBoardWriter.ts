import { useCallback, useState } from 'react';
import type * as Y from 'yjs';
import { ThemeModelError } from '../../../shared/themes';
import { CodingModelError } from '../../../shared/coding';

export interface BoardWriter {
  /** The codebook the user's clusters are written to, and the shared one under it (private codebooks). */
  target: { doc: Y.Doc; shared?: Y.Doc } | null;
  /** Runs a board write; a refusal of the model is shown, not thrown. */
  run: (what: () => void) => void;
  error: string | null;
}

/**
 * Where this user's board writes go (their private codebook on top of the shared one when their
 * themes are private, else the shared codebook) and one place that turns a refused write into a
 * message: the model writes nothing when it refuses.
 */
export function useBoardWriter(codebook: Y.Doc | null, ownPrivate: Y.Doc | null, privateThemes: boolean, canWrite: boolean): BoardWriter {
  const [error, setError] = useState<string | null>(null);
  const target = !canWrite || !codebook ? null : privateThemes ? (ownPrivate ? { doc: ownPrivate, shared: codebook } : null) : { doc: codebook };
  const run = useCallback((what: () => void) => {
    try {
      what();
      setError(null);
    } catch (e) {
      if (e instanceof ThemeModelError || e instanceof CodingModelError) setError(e.message);
      else throw e;
    }
  }, []);
  return { target, run, error };
}
