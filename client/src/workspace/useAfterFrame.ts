import { useEffect, useState } from 'react';
import { afterNextFrame } from '../components/afterNextFrame';

/**
 * `value` as it was one frame ago: a change reaches the caller after the frame that shows the
 * urgent part of it has been produced (a frame callback, then a task). React's useDeferredValue
 * renders its lagging value in a task of its own that the browser may run before that frame, so
 * the theme panel and the legend would still delay the coder's highlight; this never does. The
 * first value is returned at once.
 */
export function useAfterFrame<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    return afterNextFrame(() => setShown(() => value));
  }, [value, shown]);
  return shown;
}
