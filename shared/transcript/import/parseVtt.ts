import { cuePayloadSegments } from './cuePayloadSegments';
import { cuesToTranscript } from './cuesToTranscript';
import { parseCueTiming } from './parseCueTimestamp';
import type { CueSegment, ParsedTranscript } from './ParsedTranscript';

// Blocks that carry no speech (W3C WebVTT, section 4: comments, style sheets, regions).
const NON_CUE_BLOCK = /^(?:WEBVTT|NOTE|STYLE|REGION)(?:\s|$)/;

/**
 * A WebVTT file (already decoded) as transcript text: one paragraph per speaker turn, speakers
 * from `<v Name>` voice tags or `Name:` prefixes, times kept as turn metadata. A missing `WEBVTT`
 * header is tolerated; blocks without a timing line are skipped.
 */
export function parseVtt(text: string, fileName = 'file.vtt'): ParsedTranscript {
  return cuesToTranscript(readCueBlocks(text, NON_CUE_BLOCK), fileName);
}

/** Shared with the SRT reader: cues are blocks separated by blank lines, each with a timing line. */
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
