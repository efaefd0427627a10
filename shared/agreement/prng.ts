/**
 * A small seeded generator (mulberry32, Tommy Ettinger's public-domain 32-bit generator): fast,
 * passes the usual statistical smoke tests, and makes a bootstrap reproducible from its seed.
 * Not for cryptography.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
