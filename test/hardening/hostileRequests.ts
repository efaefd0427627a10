/** Values that go where ids, names and numbers belong: the HTTP fuzzer's alphabet. */
export const PATH_TRICKS = [
  '..',
  '%2e%2e',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '%00',
  'a%00b',
  '%ff%fe',
  '%C3%BC%F0%9F%99%82',
  '%E2%80%AE',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  '%25',
  '%',
];

/** Extra raw paths aimed at the static file handler and the router itself. */
export const RAW_PATHS = [
  '/../../../../etc/passwd',
  '/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/assets/..%2f..%2f..%2fpackage.json',
  '/api/..%2f..%2fpackage.json',
  '/api/studies/%2e%2e/%2e%2e/health',
  '//api//health',
  '/api/health?%00=%00',
  `/api/${'a/'.repeat(2000)}`,
  '/%F0%9F%99%82',
  // Not valid percent-encoding: decoding it threw in the static handler (a 500 the fuzzer found once a seeded walk reached it).
  '/%ff%fe',
  '/api/transcripts/%ff%fe/layers/%2e%2e/at-reveal',
];

/** A JSON value of a random shape (including the awkward ones: deep nesting, unicode, huge). */
export function randomJson(rand: () => number, depth = 0): unknown {
  const k = Math.floor(rand() * (depth > 3 ? 6 : 9));
  switch (k) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return [0, -1, 1e308, -0, 2 ** 53 + 1, 0.1, Number.MAX_SAFE_INTEGER][Math.floor(rand() * 7)];
    case 3:
      return ['', 'ü🙂', '\u0000', '\u202e', 'x'.repeat(100_000), '<script>', "'; drop table users; --", '../../etc/passwd'][Math.floor(rand() * 8)];
    case 4:
      return `${Math.floor(rand() * 1e9)}`;
    case 5:
      return {};
    case 6:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth + 1));
    case 7:
      return Object.fromEntries(Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, i) => [['__proto__', 'constructor', 'a', 'ü', 'x'.repeat(300)][Math.floor(rand() * 5)]! + i, randomJson(rand, depth + 1)]));
    default: {
      let v: unknown = 1;
      for (let i = 0; i < 3000; i++) v = [v];
      return v;
    }
  }
}

/** A value of a type the JSON schema does not allow (or a random one when the schema allows any). */
export function wrongTypeFor(schema: { type?: string | string[] } | undefined, rand: () => number): unknown {
  const t = schema?.type;
  const types = Array.isArray(t) ? t : t ? [t] : [];
  const candidates: unknown[] = [];
  if (!types.includes('string')) candidates.push('ü🙂'.repeat(3), 'x'.repeat(70_000));
  if (!types.includes('number') && !types.includes('integer')) candidates.push(42, -1e308);
  if (!types.includes('boolean')) candidates.push(true);
  if (!types.includes('object')) candidates.push({ nested: { deeper: ['x'] } });
  if (!types.includes('array')) candidates.push([1, 'two', null]);
  if (!types.includes('null')) candidates.push(null);
  return candidates[Math.floor(rand() * candidates.length)] ?? randomJson(rand);
}
