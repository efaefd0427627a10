import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointOffset, freezeTranscript, utf16Offset } from '../../../shared/transcript';
import { anyText } from './arbitraries';

const isInsidePair = (text: string, i: number) =>
  /[\uD800-\uDBFF]/.test(text[i - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[i] ?? '');

describe('code point and UTF-16 offsets', () => {
  it('round-trips every UTF-16 offset that does not split a surrogate pair', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (let i = 0; i <= text.length; i++) {
          if (isInsidePair(text, i)) continue;
          const cp = codePointOffset(text, i);
          expect(cp).toBe([...text.slice(0, i)].length);
          expect(utf16Offset(text, cp)).toBe(i);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every code-point offset, in raw and in frozen text', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        for (const text of [raw, freezeTranscript(raw).text]) {
          const total = [...text].length;
          for (let cp = 0; cp <= total; cp++) {
            expect(codePointOffset(text, utf16Offset(text, cp))).toBe(cp);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts an emoji as one code point and two UTF-16 units', () => {
    const text = 'P1: 😀👍🏽 ok';
    expect(codePointOffset(text, text.indexOf('ok'))).toBe(8);
    expect(utf16Offset(text, 8)).toBe(text.indexOf('ok'));
  });

  it('places an offset inside a surrogate pair at the start of the pair', () => {
    expect(codePointOffset('a😀b', 2)).toBe(1);
  });

  it('counts a CRLF of the raw file as two code points but the frozen \\n as one', () => {
    const raw = 'I: Hé\r\nP1: 😀 yes';
    const frozen = freezeTranscript(raw).text;
    expect(codePointOffset(raw, raw.indexOf('P1'))).toBe(7);
    expect(codePointOffset(frozen, frozen.indexOf('P1'))).toBe(6);
  });

  it('refuses offsets outside the text', () => {
    expect(() => codePointOffset('ab', 3)).toThrow(RangeError);
    expect(() => codePointOffset('ab', -1)).toThrow(RangeError);
    expect(() => utf16Offset('😀', 2)).toThrow(RangeError);
  });
});
