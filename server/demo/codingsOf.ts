import type { DemoCoder, Passage, Take } from './content/types';

/** One coding of the demo content, still anchored by its quote. */
export interface AnchoredCoding {
  themeKey: string;
  quote: string;
  memo?: string;
}

/** The codings one coder made, in passage order, read off the side-by-side passage table. */
export function codingsOf(passages: readonly Passage[], coder: DemoCoder): AnchoredCoding[] {
  return passages.flatMap((passage) => {
    const taken = passage[coder];
    if (taken === undefined) return [];
    const takes: Take[] = Array.isArray(taken) ? taken : [taken];
    return takes.map((take) =>
      typeof take === 'string'
        ? { themeKey: take, quote: passage.quote }
        : { themeKey: take.theme, quote: take.quote ?? passage.quote, ...(take.memo ? { memo: take.memo } : {}) },
    );
  });
}
