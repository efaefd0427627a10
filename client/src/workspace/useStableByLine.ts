import { useMemo, useRef } from 'react';
import { keepUnchanged } from './lineIndex';

/** `next`, with each line's previous array kept where its items did not change (see keepUnchanged). */
export function useStableByLine<T extends object>(next: T[][]): T[][] {
  const prev = useRef<T[][] | null>(null);
  const out = useMemo(() => keepUnchanged(prev.current, next), [next]);
  prev.current = out;
  return out;
}
