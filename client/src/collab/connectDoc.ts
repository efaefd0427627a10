import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { CloseCode, FINAL_CLOSE_CODES, MessageType } from '../../../shared/protocol';
import { type UnsavedStore, unsavedStore } from './unsavedStore';

/** Failed connection attempts (1006 before open) before asking whether the session ended. */
const UNAUTHENTICATED_PROBE_AFTER = 3;

/** What the user sees per document. */
export type DocStatus = 'saved' | 'saving' | 'offline' | 'forbidden';

export interface DocConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: () => DocStatus;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus: (listener: (status: DocStatus) => void) => () => void;
  /** Why the server refused the document, when status is `forbidden`. */
  refusal: () => { code: number; reason: string } | null;
  /** Local edits the server has not acknowledged yet. */
  pending: () => number;
  destroy: () => void;
}

export interface ConnectOptions {
  /** ws(s)://host; defaults to the page's own origin. */
  serverUrl?: string;
  doc?: Y.Doc;
  /** A WebSocket implementation (Node tests pass `ws`). */
  WebSocketPolyfill?: typeof WebSocket;
  /**
   * Keep unacknowledged edits in IndexedDB under this key (user and document) and resend them
   * on the next load, so a reload or a closed tab loses nothing.
   */
  keepUnsaved?: string;
}

/** One local edit waiting for the server's acknowledgement. */
interface PendingEdit {
  client: number;
  clock: number;
  /** An edit that only deletes adds no struct, so no state vector can show it acknowledged. */
  deleteOnly: boolean;
  /** `persisted` messages received before it was made. */
  acksBefore: number;
  /** Its IndexedDB record, once stored. */
  stored: Promise<number> | null;
}

/** The origin of edits restored from IndexedDB: not new edits, and not the undo manager's. */
const RESTORED = Symbol('restored unsaved edits');

function defaultServerUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/collab`;
}

/**
 * Opens a real-time document with the stock y-websocket provider and follows the server's
 * `persisted` acknowledgements (message type 100: the durable state vector), so the UI can say
 * "saved" only when the server has committed this client's edits. BroadcastChannel sync between
 * tabs is off: the server is the only authority on who may see a document.
 */
export function connectDoc(name: string, options: ConnectOptions = {}): DocConnection {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(options.serverUrl ?? defaultServerUrl(), name, doc, {
    params: { persisted: '1' },
    disableBc: true,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });
  let durable = new Map<number, number>();
  let connected = false;
  let refusal: { code: number; reason: string } | null = null;
  let last: DocStatus = 'offline';
  const listeners = new Set<(s: DocStatus) => void>();

  const ownClock = () => Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
  const store: UnsavedStore | null = options.keepUnsaved ? unsavedStore(options.keepUnsaved) : null;
  let edits: PendingEdit[] = [];
  let acks = 0;
  const online = () => typeof navigator === 'undefined' || navigator.onLine !== false;
  const compute = (): DocStatus => {
    if (refusal) return 'forbidden';
    if (!online() || !connected || !provider.synced) return 'offline';
    return edits.length > 0 ? 'saving' : 'saved';
  };
  let lastPending = 0;
  const update = () => {
    const next = compute();
    if (next !== last || edits.length !== lastPending) {
      last = next;
      lastPending = edits.length;
      for (const l of listeners) l(next);
    }
  };
  const acknowledged = (e: PendingEdit) => (e.deleteOnly ? acks > e.acksBefore : (durable.get(e.client) ?? 0) >= e.clock);
  const settle = () => {
    const done = edits.filter(acknowledged);
    if (done.length === 0) return;
    edits = edits.filter((e) => !done.includes(e));
    if (store) void Promise.all(done.map((e) => e.stored).filter((p) => p !== null)).then((ids) => store.remove(ids));
  };

  provider.messageHandlers[MessageType.Persisted] = (_encoder, decoder) => {
    durable = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    acks++;
    settle();
    update();
  };
  const onOnline = () => update();
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOnline);
  }
  provider.on('status', ({ status }) => {
    connected = status === 'connected';
    update();
  });
  provider.on('sync', () => update());
  provider.on('closed', (event) => {
    if (FINAL_CLOSE_CODES.includes(event.code)) refusal = event;
    update();
  });
  // A refused upgrade (HTTP 401/403) reaches a browser only as close code 1006, which the
  // provider retries forever. After a few in a row, ask the API whether we are signed out.
  let failedOpens = 0;
  let opened = false;
  provider.on('status', ({ status }) => {
    if (status === 'connected') {
      opened = true;
      failedOpens = 0;
    }
    if (status === 'connecting') opened = false;
  });
  provider.on('connection-close', (event) => {
    // 4205: rights changed; the provider reconnects and the server decides again.
    if (event && event.code === CloseCode.AuthorizationChanged.code) refusal = null;
    if (event && event.code === 1006 && !opened && ++failedOpens >= UNAUTHENTICATED_PROBE_AFTER) {
      failedOpens = 0;
      void fetch('/api/auth/me', { credentials: 'same-origin' })
        .then((r) => {
          if (r.status === 401) {
            refusal = { code: CloseCode.Unauthenticated.code, reason: CloseCode.Unauthenticated.reason };
            provider.disconnect();
            update();
          }
        })
        .catch(() => undefined); // the server is unreachable: offline is the right status
    }
  });
  let lastClock = ownClock();
  const onUpdate = (u: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    if (origin !== RESTORED) {
      const clock = ownClock();
      const edit: PendingEdit = { client: doc.clientID, clock, deleteOnly: clock <= lastClock, acksBefore: acks, stored: null };
      lastClock = clock;
      if (store && options.keepUnsaved) edit.stored = store.put({ key: options.keepUnsaved, client: doc.clientID, clock, deleteOnly: edit.deleteOnly, update: u }).catch(() => -1);
      edits.push(edit);
    }
    update();
  };
  doc.on('update', onUpdate);
  // Edits a previous page left unacknowledged: applied again (the provider sends them on), and
  // counted as pending until the server's acknowledgement covers them.
  if (store && options.keepUnsaved) {
    void store
      .load()
      .then((saved) => {
        for (const s of saved) {
          edits.push({ client: s.client, clock: s.clock, deleteOnly: s.deleteOnly, acksBefore: acks, stored: Promise.resolve(s.id) });
          Y.applyUpdate(doc, s.update, RESTORED);
        }
        settle();
        update();
      })
      .catch(() => undefined);
  }

  return {
    doc,
    provider,
    status: () => last,
    onStatus: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    refusal: () => refusal,
    pending: () => edits.length,
    destroy: () => {
      doc.off('update', onUpdate);
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOnline);
      }
      provider.destroy();
      listeners.clear();
    },
  };
}
