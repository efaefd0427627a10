import { cuesToTranscript } from './cuesToTranscript';
import type { ParsedTranscript } from './ParsedTranscript';
import { readCueBlocks } from './readCueBlocks';

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
