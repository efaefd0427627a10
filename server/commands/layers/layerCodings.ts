import type * as Y from 'yjs';
import type { Coding as AgreementCoding } from '../../../shared/agreement';
import { readLayer } from '../../../shared/coding';

interface Memo {
  textLength: number;
  codings: readonly AgreementCoding[] | null;
}

/**
 * Validated codings of a loaded layer document, read once per change of the document: every view
 * that reads a study's layers (agreement, the codebook reconciliation) would otherwise validate
 * all 30,000 codings of a large study on every request. Keyed by the registry's live Y.Doc (a
 * document unloaded and loaded again is a new object, so the memo goes with it); any update of the
 * document drops its memo. Callers get fresh copies, so nothing they change reaches the memo.
 */
const memos = new WeakMap<Y.Doc, Memo>();

export function layerCodings(doc: Y.Doc, textLength: number): AgreementCoding[] {
  let memo = memos.get(doc);
  if (!memo) {
    const fresh: Memo = { textLength, codings: null };
    doc.on('update', () => {
      fresh.codings = null;
    });
    memos.set(doc, (memo = fresh));
  }
  if (memo.codings === null || memo.textLength !== textLength) {
    memo.textLength = textLength;
    memo.codings = readLayer(doc, textLength).codings.map((c) => ({ start: c.start, end: c.end, themeId: c.themeId }));
  }
  return memo.codings.map((c) => ({ ...c }));
}
