/**
 * Runs `run` after the next frame has been produced: a frame callback runs before that frame is
 * painted, so the work goes into a task queued from it. Returns the cancel (for an effect's
 * cleanup: a newer change cancels the older one's pending run).
 */
export function afterNextFrame(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
