import { cuePayloadSegments } from './cuePayloadSegments';
import { parseCueTiming } from './parseCueTimestamp';
import type { CueSegment } from './ParsedTranscript';

/**
 * Timed speaker segments of a subtitle file (WebVTT or SRT): cues are blocks separated by blank
 * lines, each with a timing line; blocks matching `skip`, or without a timing line, are ignored.
 */
export function readCueBlocks(text: string, skip?: RegExp): CueSegment[] {
  const segments: CueSegment[] = [];
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  for (const block of normalized.split(/\n[^\S\n]*\n(?:[^\S\n]*\n)*/)) {
    const trimmed = block.replace(/^\n+/, '');
    if (skip?.test(trimmed) === true) continue;
    const lines = trimmed.split('\n');
    // The timing line is first, or second after a cue identifier (WebVTT) or index (SRT).
    const timingIndex = lines.slice(0, 2).findIndex((line) => line.includes('-->'));
    const timing = timingIndex < 0 ? null : parseCueTiming(lines[timingIndex] ?? '');
    if (timing === null) continue;
    const payload = lines.slice(timingIndex + 1).join('\n');
    for (const segment of cuePayloadSegments(payload)) {
      segments.push({ startMs: timing[0], endMs: timing[1], ...segment });
    }
  }
  return segments;
}
