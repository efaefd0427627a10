import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCoding, CodingModelError, LAYER_MAPS, readLayer } from '../../../shared/coding';

describe('coding layer properties', () => {
  it('accepts exactly the integer spans inside the text that are non-empty', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 }), fc.nat({ max: 50 }), (start, end, length) => {
        const doc = new Y.Doc();
        const valid = start >= 0 && start < end && end <= length;
        let error: unknown;
        try {
          addCoding(doc, length, { themeId: 't', start, end, createdAt: 1 });
        } catch (e) {
          error = e;
        }
        expect(error === undefined).toBe(valid);
        if (!valid) expect(error).toBeInstanceOf(CodingModelError);
        expect(readLayer(doc, length).codings).toHaveLength(valid ? 1 : 0);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary values and returns only valid in-bounds records', () => {
    const nearCoding = fc.record(
      {
        id: fc.constantFrom('k0', 'k1', 'k2', 'x'),
        themeId: fc.oneof(fc.constant('t'), fc.string()),
        start: fc.oneof(fc.integer({ min: -3, max: 30 }), fc.double()),
        end: fc.integer({ min: -3, max: 30 }),
        memo: fc.string(),
        createdAt: fc.integer({ min: -1, max: 3 }),
      },
      { requiredKeys: [] },
    );
    // Round-tripped through JSON: what a client can put on the wire (Yjs refuses null-prototype objects).
    const value = fc.oneof(fc.jsonValue(), nearCoding).map((v): unknown => JSON.parse(JSON.stringify(v ?? null)));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('k0', 'k1', 'k2'), value, fc.constantFrom(...Object.values(LAYER_MAPS)))), (writes) => {
        const doc = new Y.Doc();
        for (const [key, v, map] of writes) doc.getMap(map).set(key, v);
        const layer = readLayer(doc, 20);
        for (const record of [...layer.codings, ...layer.notes, ...layer.statements]) {
          expect(record.start).toBeGreaterThanOrEqual(0);
          expect(record.start).toBeLessThan(record.end);
          expect(record.end).toBeLessThanOrEqual(20);
        }
        const stored = Object.values(LAYER_MAPS).reduce((n, m) => n + doc.getMap(m).size, 0);
        expect(layer.codings.length + layer.notes.length + layer.statements.length + layer.problems.length).toBe(stored);
      }),
      { numRuns: 300 },
    );
  });
});
