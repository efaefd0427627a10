import { CONVENTIONS, nameMatches, positionTable, toUtf16 } from './offsets';
import type { OffsetConvention, Modified } from './project';

/** A PlainTextSelection as written, positions still in the exporting tool's convention. */
export interface RawSelection {
  guid: string;
  name: string | null;
  start: number;
  end: number;
  user: string | null;
  createdAt: number | null;
  memo: string | null;
  codings: { guid: string | null; codeGuid: string; userGuid: string | null; createdAt: number | null }[];
  noteGuids: string[];
  modified?: Modified;
}

/** The convention under which most named selections select their own name (ties: the earlier, more common one). */
export function detectConvention(sources: readonly { text: string; selections: readonly RawSelection[] }[]): { convention: OffsetConvention; matched: number; named: number } {
  const scores = CONVENTIONS.map(() => 0);
  let named = 0;
  for (const s of sources) {
    const tables = new Map<string, Int32Array>();
    for (const sel of s.selections) {
      if (!sel.name) continue;
      named++;
      CONVENTIONS.forEach((c, i) => {
        const id = `${c.unit}/${c.crlf}`;
        let table = tables.get(id);
        if (!table) {
          table = positionTable(s.text, c);
          tables.set(id, table);
        }
        const span = toUtf16(table, sel.start, sel.end, c);
        if (span && nameMatches(sel.name ?? '', s.text.slice(span.start, span.end))) scores[i] = (scores[i] ?? 0) + 1;
      });
    }
  }
  let best = 0;
  scores.forEach((score, i) => {
    if (score > (scores[best] ?? 0)) best = i;
  });
  return { convention: CONVENTIONS[best] as OffsetConvention, matched: scores[best] ?? 0, named };
}
