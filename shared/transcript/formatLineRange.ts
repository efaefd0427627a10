import type { LineRange } from './types';

/** `l. 45` for one line, `l. 45-47` for several: the form IPA tables of themes cite. */
export function formatLineRange({ first, last }: LineRange): string {
  return first === last ? `l. ${first}` : `l. ${first}-${last}`;
}
