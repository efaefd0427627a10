import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freezeTranscript, linesOf } from '../../../shared/transcript';

describe('linesOf', () => {
  it('recovers exactly the lines freezeTranscript produced, from the stored text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 20, max: 100 }), (raw, width) => {
        const frozen = freezeTranscript(raw, { lineWidth: width });
        expect(linesOf(frozen.text)).toEqual(frozen.lines);
      }),
      { numRuns: 300 },
    );
  });
});
