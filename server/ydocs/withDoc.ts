import type * as Y from 'yjs';
import { parseDocName } from '../../shared/docNames';
import type { Services } from '../services';
import { purgeFreedSpace } from '../store/docErasure';
import { DocRegistry, type DocRegistryOptions } from './DocRegistry';

// One registry per Services (not per process: tests run several servers in one process). It
// lives beside Services rather than in it so that REST commands and the collab door reach the
// same registry without the composition root having to know about Yjs.
const registries = new WeakMap<Services, DocRegistry>();

/** The document registry of these services, created on first use. */
export function docRegistryFor(s: Services, options?: DocRegistryOptions): DocRegistry {
  let r = registries.get(s);
  if (!r) {
    r = new DocRegistry(
      // After a layer's history is rewritten (a coder deleted something), the WAL is checkpointed
      // and truncated so the deleted text leaves the files too (docs/privacy.md).
      { db: s.db, log: s.log, now: s.now, logWriter: s.docLog, afterHistoryRewrite: () => purgeFreedSpace(s.db, { vacuum: false }) },
      { historyRewriteDelayMs: s.config.historyRewriteDelayMs, ...options },
    );
    registries.set(s, r);
    // Whoever closes the services flushes the registry's last commits first, even a test or a
    // CLI command that never started the collaboration door.
    s.onClose(() => closeDocRegistry(s));
  }
  return r;
}

/** Flushes and drops the registry of these services (before `services.close()`). */
export async function closeDocRegistry(s: Services): Promise<void> {
  const r = registries.get(s);
  if (!r) return;
  registries.delete(s);
  await r.close();
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
export function withDoc<T>(s: Services, docName: string, fn: (doc: Y.Doc) => T, authorId: string | null = null): Promise<T> {
  if (!parseDocName(docName)) return Promise.reject(new Error(`not a document name: ${docName}`));
  return docRegistryFor(s).withDoc(docName, fn, authorId);
}
