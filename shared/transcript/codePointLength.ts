import { isSurrogatePairAt } from './isSurrogatePairAt';

/** Number of Unicode code points in `s`; a lone surrogate counts as one, as string iteration does. */
export function codePointLength(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i += isSurrogatePairAt(s, i) ? 2 : 1) count++;
  return count;
}
