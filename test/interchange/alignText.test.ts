import { describe, expect, it } from 'vitest';
import { alignText, mapSpan } from '../../shared/refi';
import { freezeTranscript } from '../../shared/transcript';

/** Maps `quote` (its n-th occurrence in raw) onto the text frozen from raw, returning the frozen slice. */
function carried(raw: string, quote: string, lineWidth = 40): string | null {
  const frozen = freezeTranscript(raw, { lineWidth }).text;
  const start = raw.indexOf(quote);
  const span = mapSpan(alignText(raw, frozen), raw, frozen, start, start + quote.length);
  return span ? frozen.slice(span.start, span.end) : null;
}

describe('alignText / mapSpan', () => {
  it('carries spans over a BOM, CRLF line ends, tabs and trailing blanks', () => {
    const raw = '\uFEFFI:\tHello there   \r\nP: I feel 😴 tired\r\n\r\n';
    expect(carried(raw, 'Hello there')).toBe('Hello there');
    expect(carried(raw, 'I feel 😴 tired')).toBe('I feel 😴 tired');
    expect(carried(raw, 'there   \r\nP:')).toBe('there\nP:');
  });

  it('carries spans across a line wrap that freezing inserted', () => {
    const raw = `P: ${'word '.repeat(20)}end`;
    const frozen = freezeTranscript(raw, { lineWidth: 30 }).text;
    expect(frozen.split('\n').length).toBeGreaterThan(2);
    expect(carried(raw, 'word word word word word word word word', 30)?.replace(/\n/g, ' ')).toBe('word word word word word word word word');
  });

  it('carries spans over decomposed characters that NFC composes', () => {
    const raw = 'Zoe\u0308 said: cafe\u0301 and Ä\u0301ngstro\u0308m.';
    expect(carried(raw, 'cafe\u0301')).toBe('café');
    expect(carried(raw, 'Zoe\u0308 said')).toBe('Zoë said');
    expect(carried(raw, 'stro\u0308m')).toBe('ström');
  });

  it('trims whitespace at the ends and refuses spans that become empty', () => {
    const raw = 'a b\r\n\r\n\r\nc';
    const frozen = freezeTranscript(raw).text;
    const map = alignText(raw, frozen);
    expect(mapSpan(map, raw, frozen, 3, 7)).toBeNull();
    expect(mapSpan(map, raw, frozen, 2, 8)).toEqual({ start: 2, end: 3 });
    expect(mapSpan(map, raw, frozen, 2, 10)).toEqual({ start: 2, end: frozen.length });
  });

  it('refuses to map onto a text that was not frozen from the raw text', () => {
    const raw = 'The quick brown fox';
    const map = alignText(raw, 'Another text entirely');
    expect(mapSpan(map, raw, 'Another text entirely', 4, 9)).toBeNull();
  });
});
