/**
 * Edits not yet acknowledged by the server, kept in IndexedDB so they survive a reload or a
 * crash of the tab: one record per local Yjs update, removed once the server's `persisted`
 * acknowledgement covers it. Only unacknowledged edits are kept (never a whole document), so
 * nothing lingers on the device once the server holds it.
 */
export interface UnsavedEntry {
  /** Which user's which document ("user/doc name"). */
  key: string;
  /** The Yjs client that made the edit and its clock after it. */
  client: number;
  clock: number;
  /** The edit only deleted (see connectDoc's PendingEdit). */
  deleteOnly: boolean;
  update: Uint8Array;
}

export interface UnsavedStore {
  load: () => Promise<Array<UnsavedEntry & { id: number }>>;
  /** Stores an entry; resolves to its id. */
  put: (entry: UnsavedEntry) => Promise<number>;
  remove: (ids: readonly number[]) => void;
}

const DB = 'concord-unsaved';
const STORE = 'updates';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      store.createIndex('key', 'key');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB refused'));
  });
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The store for one user's document; null where IndexedDB is unavailable (edits then live in memory only). */
export function unsavedStore(key: string): UnsavedStore | null {
  if (typeof indexedDB === 'undefined') return null;
  const db = open();
  return {
    load: async () => {
      const d = await db;
      return (await done(d.transaction(STORE).objectStore(STORE).index('key').getAll(key))) as Array<UnsavedEntry & { id: number }>;
    },
    put: async (entry) => {
      const d = await db;
      return Number(await done(d.transaction(STORE, 'readwrite').objectStore(STORE).add(entry)));
    },
    remove: (ids) => {
      if (ids.length === 0) return;
      void db.then((d) => {
        const store = d.transaction(STORE, 'readwrite').objectStore(STORE);
        for (const id of ids) store.delete(id);
      });
    },
  };
}
