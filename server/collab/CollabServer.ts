import { parseDocName } from '../../shared/docNames';
import { CloseCode } from '../../shared/protocol';
import type { DocRegistry } from '../ydocs/DocRegistry';
import type { Logger } from '../log';
import type { AwarenessBus } from '../buses/awarenessBus';
import type { RightsBus, RightsChange } from '../buses/rightsBus';
import type { Database } from '../store/database';
import { findSession } from '../store/sessions';
import { Connection, type ConnectionInfo } from './Connection';
import { DocChannel } from './DocChannel';
import { type DocAccess, gatherAccess } from './gatherAccess';
import { recordAccess } from '../store/accessLog';
import { MAX_CONNECTIONS_PER_USER } from './limits';
import type { SocketLike } from './SocketLike';

export interface CollabDeps {
  db: Database;
  log: Logger;
  rights: RightsBus;
  registry: DocRegistry;
  /** Presence shared with other nodes; absent on a single node. */
  awareness?: AwarenessBus;
}

/** Close code for a server shutdown (RFC 6455 "going away"): clients reconnect. */
const GOING_AWAY = { code: 1001, reason: 'server-shutdown' } as const;

// A rights change during an authorisation makes it re-read the database; bounded so that a
// storm of changes cannot keep a connection authorising forever.
const MAX_AUTHORIZE_ROUNDS = 5;

/**
 * The collaboration door behind the WebSocket upgrade (which already authenticated the session):
 * authorises each connection with shared/access.ts, groups connections per document, and
 * re-authorises open connections when rights change (closing with 4205 when they did).
 */
export class CollabServer {
  readonly #connections = new Set<Connection>();
  readonly #perUser = new Map<string, number>();
  readonly #channels = new Map<string, DocChannel>();
  readonly #recheckSeq = new WeakMap<Connection, number>();
  readonly #unsubscribe: () => void;
  readonly #unsubscribeAwareness: () => void;
  readonly #peerExpiry: NodeJS.Timeout;
  #epoch = 0;
  #closed = false;

  constructor(private readonly deps: CollabDeps) {
    this.#unsubscribe = deps.rights.subscribe((change) => this.#onRightsChange(change));
    this.#unsubscribeAwareness =
      deps.awareness?.onRemote(({ doc, peer, update }) => {
        try {
          this.#channels.get(doc)?.relayPeerAwareness(peer, update, Date.now());
        } catch (error) {
          this.deps.log.warn('collab.peer_awareness_invalid', { doc, error: String(error) });
        }
      }) ?? (() => undefined);
    this.#peerExpiry = setInterval(() => {
      for (const ch of this.#channels.values()) ch.expirePeers(Date.now());
    }, 5000);
    this.#peerExpiry.unref();
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** A freshly upgraded, authenticated socket; returns the connection to feed its frames to. */
  accept(socket: SocketLike, info: Omit<ConnectionInfo, 'ref'>): Connection {
    const conn = new Connection(socket, { ...info, ref: parseDocName(info.docName) }, this.deps.log, (c) => this.#finished(c));
    this.#connections.add(conn);
    const n = (this.#perUser.get(info.userId) ?? 0) + 1;
    this.#perUser.set(info.userId, n);
    if (this.#closed) conn.close(GOING_AWAY);
    else if (n > MAX_CONNECTIONS_PER_USER) conn.close(CloseCode.RateLimited, { why: 'connections per user', open: n - 1 });
    else if (!conn.info.ref) conn.close(CloseCode.UnknownDocument);
    else void this.#authorize(conn);
    return conn;
  }

  /** Closes every connection (clients reconnect to the next server). */
  close(): void {
    this.#closed = true;
    this.#unsubscribe();
    this.#unsubscribeAwareness();
    clearInterval(this.#peerExpiry);
    for (const c of [...this.#connections]) c.close(GOING_AWAY);
  }

  async #authorize(conn: Connection): Promise<void> {
    let rights: DocAccess | null;
    try {
      rights = await this.#decide(conn);
    } catch (error) {
      this.deps.log.error('collab.authorize_failed', { doc: conn.info.docName, error: String(error) });
      return conn.close(CloseCode.LoadFailed);
    }
    if (conn.closed) return;
    if (!rights) return conn.close(CloseCode.UnknownDocument);
    if (rights.access === 'none') return conn.close(CloseCode.Forbidden);
    this.#logRead(conn, rights);
    let room;
    try {
      room = await this.deps.registry.acquire(conn.info.docName);
    } catch {
      // Logged by the registry; nothing was stored for a document that failed to load.
      return conn.close(CloseCode.LoadFailed);
    }
    if (conn.closed || this.#closed) return this.deps.registry.release(room);
    let channel = this.#channels.get(conn.info.docName);
    if (channel && channel.room !== room) {
      // The old room was discarded; its channel is closing its connections.
      channel = undefined;
    }
    if (channel) {
      this.deps.registry.release(room); // the channel already holds the room
    } else {
      const name = conn.info.docName;
      const awareness = this.deps.awareness;
      channel = new DocChannel(name, room, rights.blindAwareness, (ch) => this.#channelEmpty(ch), awareness ? (update) => awareness.emitLocal({ doc: name, update }) : undefined);
      this.#channels.set(conn.info.docName, channel);
    }
    if (channel.relay.blind !== rights.blindAwareness) channel.relay.setBlind(rights.blindAwareness);
    conn.open(channel, rights);
  }

  /**
   * The access log (docs/privacy.md): opening a transcript's document (a layer, the consensus,
   * the discussion), a private codebook or a journal is a read. Not awaited: a connection never waits for it.
   */
  #logRead(conn: Connection, rights: DocAccess): void {
    const ref = conn.info.ref!;
    if (ref.kind === 'codebook') return;
    recordAccess(this.deps.db, { studyId: rights.studyId, at: Date.now(), userId: conn.info.userId, what: ref.kind, target: conn.info.docName, door: 'collab' }).catch((error: unknown) =>
      this.deps.log.error('access_log.write_failed', { doc: conn.info.docName, error: String(error) }),
    );
  }

  /** Reads the rights; repeats if a rights change was announced while reading. */
  async #decide(conn: Connection): Promise<DocAccess | null> {
    const ref = conn.info.ref!;
    for (let round = 1; ; round++) {
      const epoch = this.#epoch;
      const rights = await gatherAccess(this.deps.db, ref, conn.info.userId);
      if (epoch === this.#epoch || round >= MAX_AUTHORIZE_ROUNDS) return rights;
    }
  }

  #onRightsChange(change: RightsChange): void {
    this.#epoch++;
    for (const conn of [...this.#connections]) {
      if (change.kind === 'session' || change.kind === 'user') {
        const hit = change.kind === 'session' ? conn.info.sessionId === change.sessionId : conn.info.userId === change.userId;
        if (hit) conn.close(CloseCode.AuthorizationChanged);
        continue;
      }
      // Logouts may be among the missed changes: a connection whose session is gone closes.
      if (change.kind === 'all') void this.#recheckSession(conn);
      const rights = conn.rights; // null while first authorising: #decide re-reads (epoch)
      if (!rights) continue;
      const hit =
        change.kind === 'all' || (change.kind === 'study' ? rights.studyId === change.studyId : rights.transcriptId === change.transcriptId);
      if (hit) void this.#reauthorize(conn, rights);
    }
  }

  /**
   * Holds the connection's traffic, re-decides, and resumes it if nothing changed; otherwise
   * closes with 4205 so the client reconnects and is authorised afresh (house style rule 7).
   */
  async #reauthorize(conn: Connection, before: DocAccess): Promise<void> {
    const seq = (this.#recheckSeq.get(conn) ?? 0) + 1;
    this.#recheckSeq.set(conn, seq);
    conn.suspend();
    let after: DocAccess | null;
    try {
      after = await this.#decide(conn);
    } catch (error) {
      this.deps.log.error('collab.reauthorize_failed', { doc: conn.info.docName, error: String(error) });
      after = null;
    }
    if (conn.closed || this.#recheckSeq.get(conn) !== seq) return;
    const channel = conn.channel;
    if (!after || !channel || after.access !== before.access || after.blindAwareness !== before.blindAwareness) {
      if (after && channel && after.blindAwareness !== channel.relay.blind) channel.relay.setBlind(after.blindAwareness);
      return conn.close(CloseCode.AuthorizationChanged);
    }
    conn.open(channel, after);
  }

  async #recheckSession(conn: Connection): Promise<void> {
    try {
      if (!(await findSession(this.deps.db, conn.info.sessionId))) conn.close(CloseCode.AuthorizationChanged);
    } catch (error) {
      this.deps.log.error('collab.session_recheck_failed', { doc: conn.info.docName, error: String(error) });
    }
  }

  #finished(conn: Connection): void {
    if (!this.#connections.delete(conn)) return;
    const n = (this.#perUser.get(conn.info.userId) ?? 1) - 1;
    if (n <= 0) this.#perUser.delete(conn.info.userId);
    else this.#perUser.set(conn.info.userId, n);
    conn.channel?.leave(conn);
  }

  #channelEmpty(channel: DocChannel): void {
    if (this.#channels.get(channel.name) === channel) this.#channels.delete(channel.name);
    this.deps.registry.release(channel.room);
  }
}
