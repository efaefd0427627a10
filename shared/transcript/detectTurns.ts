import { matchSpeakerLabel } from './matchSpeakerLabel';
import type { Turn, TurnHint } from './types';

/**
 * Speaker turns of a wrapped text. Only a paragraph start (a line break of the input, not one
 * inserted by wrapping) can open a turn: a wrapped line that happens to begin with `Note:` is
 * still speech. A turn runs to the start of the next one, or to the end of the text; text before
 * the first turn has no speaker and no turn.
 *
 * `hints` (paragraph index -> speaker) come from importers that know the speaker already (subtitle
 * voice tags); they win over what the prefix looks like at that paragraph.
 */
export function detectTurns(
  text: string,
  paragraphStarts: readonly number[],
  hints?: ReadonlyMap<number, TurnHint>,
): Turn[] {
  const turns: Turn[] = [];
  paragraphStarts.forEach((start, i) => {
    const end = paragraphStarts[i + 1] ?? text.length + 1;
    const paragraph = text.slice(start, end - 1);
    const hint = hints?.get(i);
    const label = matchSpeakerLabel(paragraph);
    if (hint === undefined && label === null) return;
    const turnStart = start + (label?.start ?? 0);
    const previous = turns[turns.length - 1];
    if (previous !== undefined) previous.end = turnStart;
    const turn: Turn = { speaker: hint?.speaker ?? label?.speaker ?? '', start: turnStart, end: text.length };
    if (hint?.meta !== undefined) turn.meta = { ...hint.meta };
    turns.push(turn);
  });
  return turns;
}
