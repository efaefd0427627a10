import type { ParsedTranscript } from './ParsedTranscript';

const HEADING = /^ {0,3}#{1,6}[^\S\n]+(.*?)(?:[^\S\n]+#+)?[^\S\n]*$/gm;
const EMPTY_HEADING = /^ {0,3}#{1,6}[^\S\n]*$/gm;
const RULE = /^ {0,3}([-*_])(?:[^\S\n]*\1){2,}[^\S\n]*$/gm;
const STRONG = /(\*\*|__)(?=\S)([^\n]*?\S)\1/g;
// Single `*`/`_` emphasis only where it cannot be part of a word (`snake_case`, `2*3*4` stay).
const EMPHASIS = /(^|[^\p{L}\p{N}\\])([*_])(?=\S)([^\n*_]*?\S)\2(?![\p{L}\p{N}])/gmu;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * A .txt file as transcript text, unchanged (freezing does the normalising), or a .md file with
 * just enough Markdown removed that the transcript reads as text: heading markers, thematic
 * breaks, bold and italic markers (so `**Interviewer:**` becomes a speaker prefix) and backslash
 * escapes. Line structure is kept as written, even where Markdown would join lines: transcripts
 * written in Markdown put one turn per line far more often than they rely on soft wrapping.
 */
export function parsePlain(text: string, kind: 'txt' | 'md' = 'txt'): ParsedTranscript {
  if (kind === 'txt') return { raw: text, turnHints: new Map() };
  const raw = text
    .replace(HEADING, '$1')
    .replace(EMPTY_HEADING, '')
    .replace(RULE, '')
    .replace(STRONG, '$2')
    .replace(EMPHASIS, '$1$3')
    .replace(ESCAPE, '$1');
  return { raw, turnHints: new Map() };
}
