import fc from 'fast-check';

// Pieces chosen to hit the hard cases: astral emoji and ZWJ sequences (2+ UTF-16 units per code
// point), decomposed accents (NFC changes lengths), CJK, every kind of line break and blank,
// control characters, BOMs, lone surrogates and words longer than any width.
const WORDS = [
  'a', 'the', 'interview', 'Zoë', 'Ångström', 'cafe\u0301', '李明', 'שלום', 'naïve',
  '😀', '👩‍👩‍👧', '👍🏽', 'x😀y', 'supercalifragilisticexpialidocious', 'https://example.org/a/b/c',
  'I:', 'P3:', 'Dr', 'Smith:', '[Name]', '10:30', 'e\u0301\u0301', '\uD83D', '\uDE00',
];
const SEPARATORS = [
  ' ', ' ', ' ', '  ', '\t', '\n', '\n', '\r\n', '\r', '\n\n', ' \n', '\u00A0', '\u3000', '\u2028',
  '\uFEFF', '\u0000', '\u000B', '\u0085',
];

export const rawText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 80 })
  .map((pairs) => pairs.map(([w, s]) => w + s).join(''));

/** Hand-picked pieces mixed with arbitrary Unicode, so unforeseen characters get a turn too. */
export const anyText = fc.oneof(rawText, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }));

/** One paragraph of words separated by single spaces: the case where greedy wrapping is exact. */
export const paragraphOfWords = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 60 })
  .map((words) => words.join(' '));

export const lineWidth = fc.integer({ min: 1, max: 100 });
