// WebVTT writes `hh:mm:ss.ttt` with optional hours; SRT writes `hh:mm:ss,mmm`. Tools in the wild
// mix the separators and shorten the fraction, so both are accepted everywhere.
const TIMESTAMP = /^(?:(\d+):)?([0-5]?\d):([0-5]?\d)(?:[.,](\d{1,3}))?$/;

/** Milliseconds from a cue timestamp, or `null` if it is not one. */
export function parseCueTimestamp(s: string): number | null {
  const m = TIMESTAMP.exec(s.trim());
  if (m === null) return null;
  const hours = Number(m[1] ?? 0);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  const millis = Number((m[4] ?? '0').padEnd(3, '0'));
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/** `[startMs, endMs]` from a timing line `start --> end [settings]`, or `null`. */
export function parseCueTiming(line: string): [number, number] | null {
  const m = /^\s*(\S+)\s+-->\s+(\S+)/.exec(line);
  if (m === null) return null;
  const start = parseCueTimestamp(m[1] ?? '');
  const end = parseCueTimestamp(m[2] ?? '');
  return start === null || end === null ? null : [start, end];
}
