import { useEffect, useState } from 'react';
import { api } from '../api';

export interface TranscriptText {
  text: string;
  lines: Array<{ n: number; start: number; end: number }>;
}

/**
 * Frozen transcript texts, fetched once each when first needed: a study-wide queue shows one
 * item at a time, so it loads only the transcripts the user actually looks at. A frozen text
 * never changes, so the cache never goes stale.
 */
export function useTranscriptTexts(wanted: readonly string[]): ReadonlyMap<string, TranscriptText> {
  const [texts, setTexts] = useState<ReadonlyMap<string, TranscriptText>>(new Map());
  const key = [...new Set(wanted)].sort().join('\n');
  useEffect(() => {
    let alive = true;
    for (const tid of key ? key.split('\n') : []) {
      if (texts.has(tid)) continue;
      api<TranscriptText>('GET', `/api/transcripts/${tid}`).then(
        (t) => alive && setTexts((prev) => new Map(prev).set(tid, { text: t.text, lines: t.lines })),
        () => undefined,
      );
    }
    return () => {
      alive = false;
    };
    // texts is read, not watched: a finished load must not start the loop again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return texts;
}
