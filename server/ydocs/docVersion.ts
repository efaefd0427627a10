import type * as Y from 'yjs';

/**
 * A number that names one state of a live document within this process: it changes on every
 * update the document integrates, and a document unloaded and loaded again is a new Y.Doc with a
 * new number (one counter for every document, so a number is never reused). A state vector would
 * not do: a deletion leaves it unchanged. Read models memoised per state (the table of themes, the
 * theme tree, a layer's validated codings) key on these numbers, so any change of an input is a
 * new key and nothing stale is served.
 */
let counter = 0;
const versions = new WeakMap<Y.Doc, number>();

export function docVersion(doc: Y.Doc): number {
  let v = versions.get(doc);
  if (v === undefined) {
    versions.set(doc, (v = ++counter));
    doc.on('update', () => versions.set(doc, ++counter));
  }
  return v;
}
