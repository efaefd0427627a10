import * as Y from 'yjs';
import { type CommitNotice, type DiscardReason, type DocWriter, type Room, type RoomListener, UpdateRefused } from '../ydocs/Room';
import { CloseCode } from '../../shared/protocol';
import { type AwarenessEntry, decodeAwarenessUpdate } from './awarenessCodec';
import { DocAwareness } from './DocAwareness';
import type { Connection } from './Connection';
import { MAX_AWARENESS_STATE_BYTES } from './limits';
import { awarenessMessage, persistedMessage, syncStep1Message, syncStep2Message, updateMessage } from './messages';

/** The states another node relays for this document, as one owner that expires as a whole. */
interface PeerOwner {
  readonly peer: string;
  seen: number;
  /** The newest clock that node sent per client (it numbers them; stale repeats are dropped). */
  readonly clocks: Map<number, number>;
}

/**
 * A node that relayed nothing for this long is gone (crashed, partitioned): its states go too.
 * Clients renew their awareness every 15 s, so a live node is heard from well within it.
 */
export const PEER_AWARENESS_TIMEOUT_MS = 35_000;

// Another node's update carries at most the states of its connections on this document.
const MAX_PEER_AWARENESS_ENTRIES = 4096;

/**
 * The connections of one document and what they share: the room's committed updates (broadcast
 * only after their commit) and awareness. Holds one reference on the room while it has members.
 */
export class DocChannel implements RoomListener {
  readonly connections = new Set<Connection>();
  readonly relay: DocAwareness<Connection | PeerOwner>;
  readonly #peers = new Map<string, PeerOwner>();
  disposed = false;

  constructor(
    readonly name: string,
    readonly room: Room,
    blindAwareness: boolean,
    private readonly onEmpty: (channel: DocChannel) => void,
    /** Shares what this channel relays with other nodes (no-op on a single node). */
    private readonly share: (update: Uint8Array) => void = () => undefined,
  ) {
    this.relay = new DocAwareness<Connection | PeerOwner>(blindAwareness);
    room.listeners.add(this);
  }

  join(conn: Connection): void {
    this.connections.add(conn);
    // Writers get the server's state vector so they send what the server lacks (offline edits);
    // readers are not invited to send anything.
    if (conn.canWrite) conn.send(syncStep1Message(this.room.doc));
    const known = this.relay.snapshot(conn);
    if (known) conn.send(awarenessMessage(known));
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    const removal = this.relay.remove(conn);
    if (removal) {
      this.#toOthers(conn, awarenessMessage(removal));
      this.share(removal);
    }
    if (this.connections.size === 0 && !this.disposed) {
      this.disposed = true;
      this.room.listeners.delete(this);
      this.onEmpty(this);
    }
  }

  /** SyncStep2 from the durable state only: never reveal a change before its commit. */
  answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    this.room.whenDurable(() => {
      if (conn.closed || this.room.discarded) return;
      conn.send(syncStep2Message(Y.encodeStateAsUpdate(this.room.doc, stateVector)));
    });
  }

  relayAwareness(from: Connection, entries: readonly AwarenessEntry[]): void {
    const update = this.relay.apply(from, entries);
    if (update) {
      this.#toOthers(from, awarenessMessage(update));
      this.share(update);
    }
  }

  /** States another node relayed for this document: kept under that node, sent to everyone here. */
  relayPeerAwareness(peer: string, update: Uint8Array, now: number): void {
    let owner = this.#peers.get(peer);
    if (!owner) this.#peers.set(peer, (owner = { peer, seen: now, clocks: new Map() }));
    owner.seen = now;
    const fresh = decodeAwarenessUpdate(update, MAX_AWARENESS_STATE_BYTES, MAX_PEER_AWARENESS_ENTRIES).filter((e) => {
      const last = owner.clocks.get(e.clientId);
      if (last !== undefined && e.clock <= last) return false;
      if (e.state === null) owner.clocks.delete(e.clientId);
      else owner.clocks.set(e.clientId, e.clock);
      return true;
    });
    const out = this.relay.applyForeign(owner, fresh);
    if (out) this.#toOthers(null, awarenessMessage(out));
  }

  /** Drops the states of nodes not heard from within PEER_AWARENESS_TIMEOUT_MS. */
  expirePeers(now: number): void {
    for (const [peer, owner] of this.#peers) {
      if (now - owner.seen < PEER_AWARENESS_TIMEOUT_MS) continue;
      this.#peers.delete(peer);
      const removal = this.relay.remove(owner);
      if (removal) this.#toOthers(null, awarenessMessage(removal));
    }
  }

  sendAwarenessSnapshot(conn: Connection): void {
    const known = this.relay.snapshot(conn);
    if (known) conn.send(awarenessMessage(known));
  }

  /**
   * `persisted` goes out before the broadcast, to every persisted writer when the commit changed
   * the doc (so no client holds a durable vector older than a change it received: its whole
   * state vector stays comparable), and to the settled writers otherwise (their no-op
   * SyncStep2/Update is acknowledged too).
   */
  committed(notice: CommitNotice): void {
    const ackTo = notice.updates.length > 0 ? this.connections : notice.writers;
    let persisted: Uint8Array | null = null;
    for (const writer of ackTo) {
      if (!this.#isMember(writer) || !writer.info.persisted || !writer.canWrite) continue;
      persisted ??= persistedMessage(notice.durableStateVector());
      writer.send(persisted);
    }
    for (const { update, writer } of notice.updates) this.#toOthers(writer, updateMessage(update));
  }

  rejected(writer: DocWriter, error: unknown): void {
    if (!this.#isMember(writer)) return;
    // A refused change is logged with what it tried (the close of a 4403 is logged at info).
    if (error instanceof UpdateRefused) writer.close(CloseCode.Forbidden, { why: 'update refused', refused: error.message });
    else writer.close(CloseCode.Malformed, { why: 'update failed to apply', error: String(error) });
  }

  reset(reason: DiscardReason): void {
    // The commit was refused because the transcript changed phase on another node: the rights
    // changed, as a phase change on this node would say (4205); clients reconnect and are
    // authorised for the new phase, so their unacknowledged edits are not taken.
    if (reason === 'phase-changed') {
      for (const c of [...this.connections]) c.close(CloseCode.AuthorizationChanged, { why: 'phase changed before the commit' });
      return;
    }
    // The doc was discarded (its commit failed): clients reconnect and resend their edits.
    for (const c of [...this.connections]) c.close(CloseCode.LoadFailed, { why: 'document discarded' });
  }

  #isMember(writer: DocWriter): writer is Connection {
    return this.connections.has(writer as Connection);
  }

  #toOthers(except: unknown, message: Uint8Array): void {
    for (const c of this.connections) if (c !== except) c.send(message);
  }
}
