/**
 * Microseconds on CLOCK_MONOTONIC (process.hrtime is libuv's uv_hrtime). That clock is shared by
 * every process on the machine, so a timestamp written by a writer in one worker process can be
 * subtracted from the arrival time in another; Date.now() has only millisecond resolution.
 */
export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);
