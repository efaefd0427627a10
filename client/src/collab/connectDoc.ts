import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { CloseCode, FINAL_CLOSE_CODES, MessageType } from '../../../shared/protocol';

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
  destroy: () => void;
}

export interface ConnectOptions {
  /** ws(s)://host; defaults to the page's own origin. */
  serverUrl?: string;
  doc?: Y.Doc;
  /** A WebSocket implementation (Node tests pass `ws`). */
  WebSocketPolyfill?: typeof WebSocket;
}

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
  const compute = (): DocStatus => {
    if (refusal) return 'forbidden';
    const pending = ownClock() > (durable.get(doc.clientID) ?? 0);
    if (!connected || !provider.synced) return 'offline';
    return pending ? 'saving' : 'saved';
  };
  const update = () => {
    const next = compute();
    if (next !== last) {
      last = next;
      for (const l of listeners) l(next);
    }
  };

  provider.messageHandlers[MessageType.Persisted] = (_encoder, decoder) => {
    durable = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    update();
  };
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
  const onUpdate = (_u: Uint8Array, origin: unknown) => {
    if (origin !== provider) update();
  };
  doc.on('update', onUpdate);

  return {
    doc,
    provider,
    status: () => last,
    onStatus: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    refusal: () => refusal,
    destroy: () => {
      doc.off('update', onUpdate);
      provider.destroy();
      listeners.clear();
    },
  };
}
