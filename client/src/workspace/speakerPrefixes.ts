import { matchSpeakerLabel } from '../../../shared/transcript/matchSpeakerLabel';

export interface Prefix {
  start: number;
  end: number;
}

/**
 * The speaker prefixes ("Ben: ") of the turns, with the blank after them: what a coder codes
 * is the turn's words, never who said them.
 */
export function speakerPrefixes(text: string, turns: ReadonlyArray<{ speaker: string | null; start: number }>): Prefix[] {
  const out: Prefix[] = [];
  for (const t of turns) {
    if (!t.speaker) continue;
    const label = matchSpeakerLabel(text.slice(t.start, t.start + 80));
    if (!label) continue;
    let end = t.start + label.end;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\u00a0')) end++;
    out.push({ start: t.start + label.start, end });
  }
  return out;
}

/** Moves a span's edges out of any speaker prefix; null when nothing but a prefix is left. */
export function withoutPrefixes(span: { start: number; end: number }, prefixes: readonly Prefix[]): { start: number; end: number } | null {
  let { start, end } = span;
  for (const p of prefixes) {
    if (start >= p.start && start < p.end) start = p.end;
    if (end > p.start && end <= p.end) end = p.start;
  }
  return end > start ? { start, end } : null;
}
