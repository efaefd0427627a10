export interface SpeakerLabel {
  speaker: string;
  /** Offset of the label's first character in the paragraph (after any indentation). */
  start: number;
  /** Offset just after the prefix (its colon or closing bracket). */
  end: number;
}

/** Longest label accepted, in UTF-16 units: names, roles and pseudonyms, never a sentence. */
export const MAX_SPEAKER_LABEL_LENGTH = 40;
/** "a short name of up to ~4 words": `Dr Mary van Berg` is four. */
export const MAX_SPEAKER_LABEL_WORDS = 4;

// Role words transcribers write in lower case too (`interviewer:`, `int:`, `p3:`); any other
// label must look like a name, so that `and then he said: ...` is speech, not a speaker.
const ROLE = /^(?:interviewer|interviewee|participant|respondent|researcher|moderator|facilitator|int|iv|resp|[iprqa])(?:\s?\d+)?$/iu;
// Lower-case particles allowed inside a name: `Ludwig van Beethoven`, `Head of Service`.
const PARTICLE = /^(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|ibn|al|el|of|y)$/u;
// A word starts with a letter or digit and may hold marks (NFC leaves some), apostrophes, hyphens
// and dots (`Dr.`, `O'Neil`, `Mary-Jane`, `P3`).
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N}'\u2019.\-]*`;
const LABEL = String.raw`${WORD}(?: ${WORD}){0,${MAX_SPEAKER_LABEL_WORDS - 1}}`;
// `Name:` (also the French space before a colon), then a blank or the end of the paragraph, so
// `10:30` and `http://` never qualify; or `Name：` with the full-width colon of CJK text, which is
// not followed by a space. Or `[Name]`, optionally followed by a colon.
const COLON_FORM = new RegExp(String.raw`^(${LABEL})(?:[ \u00A0\u202F]?:(?=\s|$)|\uFF1A)`, 'u');
const BRACKET_FORM = new RegExp(String.raw`^\[(${LABEL})\][:\uFF1A]?(?=\s|$)`, 'u');
const INDENT = /^[^\S\n]*/u;

/**
 * The speaker prefix at the start of a paragraph, if there is one. `paragraph` may contain `\n`
 * where wrapping broke it; those count as spaces so a label that wrapped still matches.
 */
export function matchSpeakerLabel(paragraph: string): SpeakerLabel | null {
  const flat = paragraph.replace(/\n/g, ' ');
  const indent = INDENT.exec(flat)?.[0].length ?? 0;
  const rest = flat.slice(indent);
  const match = COLON_FORM.exec(rest) ?? BRACKET_FORM.exec(rest);
  const speaker = match?.[1];
  if (speaker === undefined || !isPlausibleSpeaker(speaker)) return null;
  return { speaker, start: indent, end: indent + (match?.[0].length ?? 0) };
}

function isPlausibleSpeaker(label: string): boolean {
  if (label.length > MAX_SPEAKER_LABEL_LENGTH) return false;
  if (!/\p{L}/u.test(label)) return false;
  if (ROLE.test(label)) return true;
  const words = label.split(' ');
  return words.every((word, i) => startsLikeName(word) || (i > 0 && PARTICLE.test(word)));
}

// Caseless scripts (\p{Lo}: CJK, Arabic, Hebrew...) cannot signal a name by capitalisation.
function startsLikeName(word: string): boolean {
  return /^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u.test(word);
}
