import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Vitest's forks do not start with --expose-gc; the flag can still be set at run time, and a new
// context then exposes `gc`. Memory assertions compare live data, not garbage awaiting collection.
setFlagsFromString('--expose-gc');
const gcFn = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

/** A full collection (twice: the first may only queue finalisers). */
export function collectGarbage(): void {
  gcFn();
  gcFn();
}

/** Live heap plus ArrayBuffers (socket buffers, Yjs updates) after a full collection. */
export function liveBytes(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
