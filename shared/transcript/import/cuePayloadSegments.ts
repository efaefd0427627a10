import { matchSpeakerLabel } from '../matchSpeakerLabel';

export interface PayloadSegment {
  speaker: string | null;
  text: string;
}

const VOICE_TAG = /<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>/g;
const OTHER_TAG = /<\/?[^>]*>/g;
// SubStation overrides such as `{\an8}` that some .srt writers leave in the text.
const ASS_OVERRIDE = /\{\\[^}]*\}/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  lrm: '\u200E',
  rlm: '\u200F',
};

/**
 * Splits a cue's text into speaker segments. The speaker comes from a WebVTT voice tag
 * (`<v Dr Smith>`, which lasts to `</v>` or the next voice), else from a `Name:` or `[Name]`
 * prefix written in the text; otherwise it is `null`. Markup is removed and entities decoded.
 */
export function cuePayloadSegments(payload: string): PayloadSegment[] {
  const segments: PayloadSegment[] = [];
  let speaker: string | null = null;
  let last = 0;
  for (const match of payload.matchAll(VOICE_TAG)) {
    pushSegment(segments, speaker, payload.slice(last, match.index));
    speaker = cleanText(match[1] ?? '') || null;
    last = match.index + match[0].length;
  }
  pushSegment(segments, speaker, payload.slice(last));
  return segments;
}

function pushSegment(segments: PayloadSegment[], voice: string | null, markup: string): void {
  const [before, after] = splitAtVoiceEnd(markup);
  for (const [speaker, part] of [[voice, before], [null, after]] as const) {
    let text = cleanText(part);
    if (text === '') continue;
    let who = speaker;
    if (who === null) {
      const label = matchSpeakerLabel(text);
      if (label !== null) {
        who = label.speaker;
        text = text.slice(label.end).trim();
        if (text === '') continue;
      }
    }
    segments.push({ speaker: who, text });
  }
}

function splitAtVoiceEnd(markup: string): [string, string] {
  const close = markup.indexOf('</v>');
  return close < 0 ? [markup, ''] : [markup.slice(0, close), markup.slice(close + 4)];
}

function cleanText(markup: string): string {
  return decodeEntities(markup.replace(OTHER_TAG, '').replace(ASS_OVERRIDE, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}
