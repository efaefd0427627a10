import type * as Y from 'yjs';
import type { Coding as AgreementCoding } from '../../../shared/agreement';
import { readLayer } from '../../../shared/coding';
import { docVersion } from '../../ydocs/docVersion';

interface Memo {
  version: number;
  textLength: number;
  codings: readonly AgreementCoding[];
}

/**
 * Validated codings of a loaded layer document, read once per change of the document: every view
 * that reads a study's layers (agreement, the codebook reconciliation) would otherwise validate
 * all 30,000 codings of a large study on every request. Keyed by the registry's live Y.Doc and its
 * version (docVersion: any update is a new version, a reloaded document a new object). Callers get
 * fresh copies, so nothing they change reaches the memo.
 */
const memos = new WeakMap<Y.Doc, Memo>();

export function layerCodings(doc: Y.Doc, textLength: number): AgreementCoding[] {
  const version = docVersion(doc);
  let memo = memos.get(doc);
  if (!memo || memo.version !== version || memo.textLength !== textLength) {
    memo = { version, textLength, codings: readLayer(doc, textLength).codings.map((c) => ({ start: c.start, end: c.end, themeId: c.themeId })) };
    memos.set(doc, memo);
  }
  return memo.codings.map((c) => ({ ...c }));
}
