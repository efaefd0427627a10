import { normalizeText } from '../normalizeText';
import type { TurnHint } from '../types';
import type { CueSegment, ParsedTranscript } from './ParsedTranscript';
import { TranscriptImportError } from './TranscriptImportError';

interface PendingTurn {
  speaker: string | null;
  texts: string[];
  startMs: number;
  endMs: number;
}

/**
 * Turns timed cue segments into one paragraph per speaker turn, `Speaker: words`, with the turn's
 * speaker and time span as a hint for freezing.
 *
 * Consecutive segments of the same speaker form one turn, and so does a segment with no speaker
 * after one that has a speaker: captioners name the speaker when it changes, not on every cue.
 * Segments with no speaker before any named one form a paragraph without a turn. Paragraphs are
 * separated by a single `\n`, so line numbers are not spent on blank lines.
 */
export function cuesToTranscript(segments: readonly CueSegment[], fileName: string): ParsedTranscript {
  const turns: PendingTurn[] = [];
  for (const segment of segments) {
    const current = turns[turns.length - 1];
    const continues =
      current !== undefined && (segment.speaker === null || segment.speaker === current.speaker);
    if (continues) {
      current.texts.push(segment.text);
      current.endMs = Math.max(current.endMs, segment.endMs);
    } else {
      turns.push({ ...segment, texts: [segment.text] });
    }
  }
  const paragraphs: string[] = [];
  const turnHints = new Map<number, TurnHint>();
  for (const turn of turns) {
    // One paragraph per turn: whatever line breaks a cue held must not open a new paragraph.
    const words = normalizeText(turn.texts.join(' ')).replace(/\s+/g, ' ').trim();
    if (words === '') continue;
    if (turn.speaker === null) {
      paragraphs.push(words);
      continue;
    }
    turnHints.set(paragraphs.length, {
      speaker: turn.speaker,
      meta: { startMs: turn.startMs, endMs: turn.endMs },
    });
    paragraphs.push(`${turn.speaker}: ${words}`);
  }
  if (paragraphs.length === 0) {
    throw new TranscriptImportError('empty', `"${fileName}" contains no subtitle cues with text.`);
  }
  return { raw: paragraphs.join('\n'), turnHints };
}
