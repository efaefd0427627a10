import * as Y from 'yjs';
import { parseDocName } from '../../shared/docNames';
import type { NewDocUpdate } from '../store/docLog';
import { MAX_DOC_BYTES } from './docLimits';

/**
 * The first state of a document that does not exist yet, as one update-log row for the caller
 * to append inside its own database transaction. A multi-step write that creates rows and
 * documents together (a project import) thereby commits all of it or nothing: the documents
 * belong to rows created in the same transaction, so no room can have loaded them and no other
 * writer can interleave (the registry's durable path is for documents that may be open).
 *
 * Throws when `fn` throws or the state exceeds the document size limit; nothing is stored then.
 */
export function firstState(name: string, fn: (doc: Y.Doc) => void, authorId: string | null, at: number, maxDocBytes = MAX_DOC_BYTES): NewDocUpdate {
  if (!parseDocName(name)) throw new Error(`not a document name: ${name}`);
  const doc = new Y.Doc();
  try {
    doc.transact(() => fn(doc));
    const update = Y.encodeStateAsUpdate(doc);
    if (update.byteLength > maxDocBytes) throw new Error(`the document would be ${update.byteLength} bytes; the limit is ${maxDocBytes}`);
    return { doc: name, authorId, at, update };
  } finally {
    doc.destroy();
  }
}
