import type { IdentifierCandidate } from './identifierKinds';

/**
 * The language-independent fallback for names: runs of capitalised words that do not start a
 * sentence or a speaker turn ("... worked with Anna Weber in Leipzig ..."). Catches names NLP
 * misses in studies not in English; in languages that capitalise every noun (German) it also
 * proposes nouns, which is why its candidates start unaccepted and the lead reviews them.
 */
const WORD = /\p{Lu}[\p{Ll}\p{M}'\u2019-]+(?:\s+(?:van|von|de|der|den|da|di|du|la|le|del|bin|al)?\s*\p{Lu}[\p{Ll}\p{M}'\u2019-]+)*/gu;
const IGNORED = new Set(
  (
    'I Im I’m I’ve I’d I’ll Mr Mrs Ms Dr Prof Okay OK Yes No Yeah Well So And But Or Then Now Monday Tuesday Wednesday Thursday Friday Saturday Sunday ' +
    'January February March April May June July August September October November December God Christmas Easter English German French Interviewer Participant Speaker'
  ).split(' '),
);

export function findCapitalisedNames(raw: string, speakerLabels: ReadonlySet<string> = new Set()): IdentifierCandidate[] {
  const out: IdentifierCandidate[] = [];
  for (const m of raw.matchAll(WORD)) {
    const text = m[0].trim();
    const start = m.index;
    if (IGNORED.has(text) || speakerLabels.has(text)) continue;
    if (startsSentence(raw, start)) {
      // A sentence's first word is capitalised anyway; a run of two or more still looks like a name.
      if (!/\s/.test(text)) continue;
      const rest = text.slice(text.search(/\s/)).trimStart();
      const restStart = start + text.indexOf(rest);
      out.push({ start: restStart, end: restStart + rest.length, text: rest, kind: 'name', source: 'heuristic' });
      continue;
    }
    out.push({ start, end: start + text.length, text, kind: 'name', source: 'heuristic' });
  }
  return out;
}

/** After a line start, a speaker label ("P01:"), or sentence-ending punctuation. */
function startsSentence(raw: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (raw[i] === ' ' || raw[i] === '\t' || raw[i] === '"' || raw[i] === '“' || raw[i] === '(')) i--;
  if (i < 0) return true;
  const ch = raw[i]!;
  return ch === '\n' || ch === '.' || ch === '!' || ch === '?' || ch === ':' || ch === '…';
}
