import { cuesToTranscript } from './cuesToTranscript';
import type { ParsedTranscript } from './ParsedTranscript';
import { readCueBlocks } from './readCueBlocks';

/**
 * A SubRip file (already decoded) as transcript text: numbered cues with `hh:mm:ss,mmm` timings,
 * speakers from `Name:` or `[Name]` prefixes (or a `<v>` tag, which some converters emit), times
 * kept as turn metadata. HTML-like styling (`<i>`, `<font>`) and `{\an8}` overrides are dropped.
 */
export function parseSrt(text: string, fileName = 'file.srt'): ParsedTranscript {
  return cuesToTranscript(readCueBlocks(text), fileName);
}
