import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { tokenFromCookieHeader, validateSessionToken } from '../auth/sessions';
import { closeDocRegistry, docRegistryFor } from '../ydocs/withDoc';
import { expectedOrigin } from '../http/origin';
import type { Services } from '../services';
import { CollabServer } from './CollabServer';
import { TRANSPORT_MAX_PAYLOAD } from './limits';

export const COLLAB_PATH_PREFIX = '/collab/';

/**
 * Dead peers (a laptop closing its lid) keep sockets and documents in memory until TCP notices;
 * a ping every interval and termination after one missed pong bounds that.
 */
const KEEPALIVE_INTERVAL_MS = 30_000;

export interface AttachedCollab {
  collab: CollabServer;
  close: () => Promise<void>;
}

/**
 * Serves `GET /collab/<docName>` on the HTTP server: the session cookie and the Origin are
 * checked before upgrading (HTTP 401/403, no Yjs traffic at all); the rest (4404, 4403, ...)
 * is decided on the open socket by CollabServer.
 */
export function attachCollab(http: Server, s: Services): AttachedCollab {
  const registry = docRegistryFor(s);
  const collab = new CollabServer({ db: s.db, log: s.log, rights: s.rights, registry, awareness: s.awareness });
  const wss = new WebSocketServer({ noServer: true, maxPayload: TRANSPORT_MAX_PAYLOAD });
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    void upgrade(req, socket, head).catch((error: unknown) => {
      s.log.error('collab.upgrade_failed', { error: String(error) });
      refuse(socket, 500, 'Internal Server Error');
    });
  };

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(COLLAB_PATH_PREFIX)) return refuse(socket, 404, 'Not Found');
    const host = req.headers.host;
    const origin = req.headers.origin;
    const expected = expectedOrigin({ req: { header: (n) => headerOf(req, n), url: `http://${host ?? 'localhost'}${req.url ?? '/'}` } }, s.config.publicOrigin);
    // Cross-site WebSocket hijacking: browsers send the cookie with any page's WebSocket, so the
    // Origin must be ours. Browsers always send Origin on WebSockets; its absence is refused too.
    if (origin !== expected) return refuse(socket, 403, 'Forbidden');
    const token = tokenFromCookieHeader(req.headers.cookie);
    const found = token ? await validateSessionToken(s.db, token, s.now()) : null;
    if (!found) return refuse(socket, 401, 'Unauthorized');
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      const conn = collab.accept(ws, {
        docName: url.pathname.slice(COLLAB_PATH_PREFIX.length),
        userId: found.user.id,
        sessionId: found.session.id,
        persisted: url.searchParams.get('persisted') === '1',
      });
      ws.on('message', (data: RawData, isBinary: boolean) => conn.receive(toBytes(data), isBinary));
      ws.on('close', () => conn.socketClosed());
      ws.on('error', (error) => s.log.warn('collab.socket_error', { doc: conn.info.docName, error: String(error) }));
    });
  };

  const keepalive = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, KEEPALIVE_INTERVAL_MS);
  keepalive.unref();

  http.on('upgrade', onUpgrade);
  return {
    collab,
    close: async () => {
      http.off('upgrade', onUpgrade);
      clearInterval(keepalive);
      collab.close();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeDocRegistry(s);
    },
  };
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

/**
 * A private copy of the frame: `ws` may hand out views on pooled or concatenated buffers, and
 * Yjs keeps references into the updates it integrates.
 */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}
