import type * as Y from 'yjs';
import { parseDocName } from '../../shared/docNames';
import type { DocRegistry } from './DocRegistry';

/** What the functions below need of the services: their document registry (Services.docs). */
export interface HasDocs {
  docs: DocRegistry;
}

/** The document registry of these services. */
export function docRegistryFor(s: HasDocs): DocRegistry {
  return s.docs;
}

/**
 * Flushes the registry's last commits and drops every loaded document; later calls load them
 * again from the log. `services.close()` flushes too, so this is for a door closing early or a
 * test reading back what was persisted.
 */
export function closeDocRegistry(s: HasDocs): Promise<void> {
  return s.docs.flushAndDrop();
}

/**
 * Reads a real-time document and changes it as the server, for REST commands (governance
 * actions such as writing a resolution into the discussion). The change is committed to the
 * update log with `authorId` as its author, broadcast to every connection after the commit, and
 * this resolves with `fn`'s result after the commit. The caller has authorised the action.
 *
 * `fn` runs in one Yjs transaction; if it throws, whatever it changed before throwing is still
 * committed (the doc and the log must agree) and the promise rejects: validate before mutating.
 */
export function withDoc<T>(s: HasDocs, docName: string, fn: (doc: Y.Doc) => T, authorId: string | null = null): Promise<T> {
  if (!parseDocName(docName)) return Promise.reject(new Error(`not a document name: ${docName}`));
  return s.docs.withDoc(docName, fn, authorId);
}

/**
 * Reads several documents together at one durable instant: each is held through the registry's
 * commit queue like withDoc (so none is ahead of its log), and `fn` runs synchronously once all
 * are, before any later change can be applied (changes are applied in a later turn of the event
 * loop). `fn` must only read the documents and must not keep them: it gets the registry's live
 * Y.Docs, not copies, so a combined read (a codebook with its private overlays) costs no copy.
 */
export async function withDocs<T>(s: HasDocs, docNames: readonly string[], fn: (docs: readonly Y.Doc[]) => T): Promise<T> {
  const docs = await Promise.all(docNames.map((name) => withDoc(s, name, (doc) => doc)));
  return fn(docs);
}
