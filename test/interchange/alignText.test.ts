import { describe, expect, it } from 'vitest';
import { alignText, mapSpan } from '../../shared/refi';
import { freezeTranscript, normalizeText, wrapText } from '../../shared/transcript';

/**
 * How Concord froze text before issue 17 (normalised and hard-wrapped): the alignment must still
 * carry spans onto such a text, and does so in the harder cases these tests keep.
 */
const oldFreeze = (raw: string, lineWidth = 80) => wrapText(normalizeText(raw), lineWidth).text;

/** Maps `quote` (its n-th occurrence in raw) onto the text frozen from raw, returning the frozen slice. */
function carried(raw: string, quote: string, lineWidth = 40): string | null {
  const frozen = oldFreeze(raw, lineWidth);
  const start = raw.indexOf(quote);
  const span = mapSpan(alignText(raw, frozen), raw, frozen, start, start + quote.length);
  return span ? frozen.slice(span.start, span.end) : null;
}

describe('alignText / mapSpan', () => {
  it('gives a selection with an end between CR and LF the whole line end (NVivo writes such selections)', () => {
    const raw = 'likes\r\n3\r\n2021-10-18\r\nnext';
    const frozen = freezeTranscript(raw, { lineWidth: 80 }).text;
    expect(frozen).toBe('likes\n3\n2021-10-18\nnext');
    const map = alignText(raw, frozen);
    // Starts at the LF of the first line end, ends at the LF of the third: the CRs dropped, the
    // selection covers the same text ("\n3\n2021-10-18\n"), not one line end less.
    const span = mapSpan(map, raw, frozen, raw.indexOf('\n3'), raw.lastIndexOf('\n'));
    expect(span && frozen.slice(span.start, span.end)).toBe('\n3\n2021-10-18\n');
  });

  it('carries spans over a BOM, CRLF line ends, tabs and trailing blanks', () => {
    const raw = '\uFEFFI:\tHello there   \r\nP: I feel 😴 tired\r\n\r\n';
    expect(carried(raw, 'Hello there')).toBe('Hello there');
    expect(carried(raw, 'I feel 😴 tired')).toBe('I feel 😴 tired');
    expect(carried(raw, 'there   \r\nP:')).toBe('there\nP:');
  });

  it('maps every position exactly onto a text kept as received (only CRLF became LF)', () => {
    const raw = '\uFEFFI:\tHello there   \r\nP: I feel 😴 tired  \r\n\r\n';
    const frozen = freezeTranscript(raw, { lineWidth: 10 }).text;
    expect(frozen).toBe('I:\tHello there   \nP: I feel 😴 tired  \n\n');
    const map = alignText(raw, frozen);
    const quote = 'Hello there   \r\nP: I';
    const start = raw.indexOf(quote);
    // Whitespace at the ends of a selection stays: positions come back as the tool counted them.
    expect(mapSpan(map, raw, frozen, start, start + quote.length)).toEqual({ start: 3, end: 22 });
    expect(mapSpan(map, raw, frozen, raw.indexOf('tired'), raw.length)).toEqual({ start: frozen.indexOf('tired'), end: frozen.length });
  });

  it('carries spans across a line wrap that freezing inserted', () => {
    const raw = `P: ${'word '.repeat(20)}end`;
    const frozen = oldFreeze(raw, 30);
    expect(frozen.split('\n').length).toBeGreaterThan(2);
    expect(carried(raw, 'word word word word word word word word', 30)?.replace(/\n/g, ' ')).toBe('word word word word word word word word');
  });

  it('carries spans over decomposed characters that NFC composes', () => {
    const raw = 'Zoe\u0308 said: cafe\u0301 and Ä\u0301ngstro\u0308m.';
    expect(carried(raw, 'cafe\u0301')).toBe('café');
    expect(carried(raw, 'Zoe\u0308 said')).toBe('Zoë said');
    expect(carried(raw, 'stro\u0308m')).toBe('ström');
  });

  it('keeps whitespace at the ends and refuses spans of nothing but whitespace', () => {
    const raw = 'a b\r\n\r\n\r\nc';
    const frozen = freezeTranscript(raw).text;
    expect(frozen).toBe('a b\n\n\nc');
    const map = alignText(raw, frozen);
    expect(mapSpan(map, raw, frozen, 3, 7)).toBeNull();
    expect(mapSpan(map, raw, frozen, 2, 8)).toEqual({ start: 2, end: 6 });
    expect(mapSpan(map, raw, frozen, 2, 10)).toEqual({ start: 2, end: frozen.length });
  });

  it('refuses to map onto a text that was not frozen from the raw text', () => {
    const raw = 'The quick brown fox';
    const map = alignText(raw, 'Another text entirely');
    expect(mapSpan(map, raw, 'Another text entirely', 4, 9)).toBeNull();
  });
});
