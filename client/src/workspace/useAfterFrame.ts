import { useEffect, useState } from 'react';

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
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setShown(() => value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}
