import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { DocRef } from '../../shared/docNames';
import { CloseCode, MessageType } from '../../shared/protocol';
import type { Logger } from '../log';
import type { DocWriter, UpdateGuard } from '../ydocs/Room';
import type { PhaseCondition } from '../ydocs/LogWriter';
import { AwarenessStateTooLarge, type AwarenessEntry, decodeAwarenessUpdate } from './awarenessCodec';
import type { DocChannel } from './DocChannel';
import { codebookGuard } from './codebookGuard';
import { layerGuard } from './layerGuard';
import type { CodebookGovernance, DocAccess, LayerIntegrity } from './gatherAccess';
import {
  AWARENESS_BURST,
  AWARENESS_RATE_PER_SECOND,
  MAX_AWARENESS_STATE_BYTES,
  MAX_FRAME_BYTES,
  MAX_PENDING_BYTES,
  MAX_PENDING_MESSAGES,
  MAX_SEND_BUFFER_BYTES,
  MAX_UPDATE_BYTES,
  SYNC_REQUEST_BURST,
  SYNC_REQUESTS_PER_SECOND,
  TRY_AGAIN_LATER,
} from './limits';
import { NOOP_SYNC_STEP2, SyncStep1, SyncStep2, SyncUpdate } from './messages';
import type { SocketLike } from './SocketLike';
import { TokenBucket } from './TokenBucket';

export interface ConnectionInfo {
  docName: string;
  ref: DocRef | null;
  userId: string;
  sessionId: string;
  /** Opened with `?persisted=1`: the client understands MessageType.Persisted. */
  persisted: boolean;
}

export type CloseSpec = { readonly code: number; readonly reason: string };

/**
 * A connection's lifecycle (house style rule 6). While `authorizing` (first authorisation, or a
 * re-authorisation after a rights change) incoming messages wait in a bounded queue and outgoing
 * ones in a bounded outbox, so nothing is applied or revealed under rights that may be stale.
 */
type Phase =
  | { kind: 'authorizing'; inbox: Uint8Array[]; inboxBytes: number; outbox: Uint8Array[]; outboxBytes: number }
  | { kind: 'open'; channel: DocChannel; rights: DocAccess }
  | { kind: 'closed' };

// An awareness update echoes at most every state the provider knows; far beyond any real room.
const MAX_AWARENESS_ENTRIES = 4096;

/** One WebSocket on one document: parses frames, enforces read-only and limits. */
export class Connection implements DocWriter {
  readonly authorId: string;
  #phase: Phase = { kind: 'authorizing', inbox: [], inboxBytes: 0, outbox: [], outboxBytes: 0 };
  /** Rights and channel kept while re-authorising (null before the first authorisation). */
  #granted: { channel: DocChannel; rights: DocAccess } | null = null;
  readonly #awarenessBucket = new TokenBucket(AWARENESS_RATE_PER_SECOND, AWARENESS_BURST);
  readonly #stashedAwareness = new Map<number, AwarenessEntry>();
  #awarenessTimer: NodeJS.Timeout | null = null;
  readonly #syncBucket = new TokenBucket(SYNC_REQUESTS_PER_SECOND, SYNC_REQUEST_BURST);
  /** The newest SyncStep1 over the rate, answered when a token returns (coalesced). */
  #pendingSync: { stateVector: Uint8Array; timer: NodeJS.Timeout } | null = null;
  #onFinish: ((c: Connection) => void) | null;
  #guard: { for: CodebookGovernance | LayerIntegrity; guard: UpdateGuard } | null = null;

  constructor(
    private readonly socket: SocketLike,
    readonly info: ConnectionInfo,
    private readonly log: Logger,
    onFinish: (c: Connection) => void,
  ) {
    this.authorId = info.userId;
    this.#onFinish = onFinish;
  }

  get closed(): boolean {
    return this.#phase.kind === 'closed';
  }

  /** The rights last granted (kept during a re-authorisation), or null. */
  get rights(): DocAccess | null {
    return this.#phase.kind === 'open' ? this.#phase.rights : (this.#granted?.rights ?? null);
  }

  get channel(): DocChannel | null {
    return this.#phase.kind === 'open' ? this.#phase.channel : (this.#granted?.channel ?? null);
  }

  /** Judges this connection's updates on a governed document (rights narrower than the doc). */
  get guard(): UpdateGuard | null {
    const rights = this.rights;
    const basis = rights?.governance ?? rights?.integrity ?? null;
    if (!rights || !basis) return null;
    let current = this.#guard;
    if (current?.for !== basis) {
      current = { for: basis, guard: rights.governance ? codebookGuard(rights.governance) : layerGuard(rights.integrity!.textLength) };
      this.#guard = current;
    }
    return current.guard;
  }

  /** The phase this connection's writes were granted under (DocWriter.condition). */
  get condition(): PhaseCondition | null {
    return this.rights?.condition ?? null;
  }

  get canWrite(): boolean {
    return this.rights?.access === 'write';
  }

  /** A frame from the socket. */
  receive(data: Uint8Array, isBinary: boolean): void {
    const phase = this.#phase;
    if (phase.kind === 'closed') return;
    if (!isBinary) return this.close(CloseCode.Malformed, { why: 'text frame' });
    if (data.byteLength > MAX_FRAME_BYTES) return this.close(CloseCode.TooLarge, { why: 'frame', bytes: data.byteLength });
    if (phase.kind === 'authorizing') {
      phase.inbox.push(data);
      phase.inboxBytes += data.byteLength;
      if (phase.inbox.length > MAX_PENDING_MESSAGES || phase.inboxBytes > MAX_PENDING_BYTES) {
        this.close(CloseCode.TooLarge, { why: 'pending queue', messages: phase.inbox.length, bytes: phase.inboxBytes });
      }
      return;
    }
    this.#handle(phase.channel, phase.rights, data);
  }

  /**
   * Authorised (first time: joins the channel; after a re-authorisation with unchanged rights:
   * resumes), then handles what arrived meanwhile.
   */
  open(channel: DocChannel, rights: DocAccess): void {
    const phase = this.#phase;
    if (phase.kind !== 'authorizing') return;
    const resuming = this.#granted !== null;
    this.#granted = { channel, rights };
    this.#phase = { kind: 'open', channel, rights };
    if (!resuming) channel.join(this);
    for (const m of phase.outbox) this.#write(m);
    for (const m of phase.inbox) {
      if (this.#phase.kind !== 'open') return;
      this.#handle(channel, rights, m);
    }
  }

  /** Rights may have changed: hold traffic in both directions until `open` or `close`. */
  suspend(): void {
    if (this.#phase.kind !== 'open') return;
    this.#phase = { kind: 'authorizing', inbox: [], inboxBytes: 0, outbox: [], outboxBytes: 0 };
  }

  /** Queues (while authorising) or writes a message to the client. */
  send(message: Uint8Array): void {
    const phase = this.#phase;
    if (phase.kind === 'closed') return;
    if (phase.kind === 'authorizing') {
      phase.outbox.push(message);
      phase.outboxBytes += message.byteLength;
      // The client resynchronises on reconnect, so dropping it is always safe.
      if (phase.outboxBytes > MAX_SEND_BUFFER_BYTES) this.close(CloseCode.AuthorizationChanged, { why: 'outbox overflow while re-authorising' });
      return;
    }
    this.#write(message);
  }

  close(spec: CloseSpec, fields: Record<string, unknown> = {}): void {
    if (this.#phase.kind === 'closed') return;
    this.#phase = { kind: 'closed' };
    if (spec.code !== CloseCode.AuthorizationChanged.code && spec.code !== 1001) {
      // A refused update is an attempt at something the role may not do: warn, unlike a refused open.
      const refusedOpen = (spec.code === CloseCode.Forbidden.code && !('refused' in fields)) || spec.code === CloseCode.UnknownDocument.code;
      const level = refusedOpen ? 'info' : 'warn';
      this.log[level]('collab.closed', { doc: this.info.docName, user: this.info.userId, code: spec.code, reason: spec.reason, ...fields });
    }
    try {
      this.socket.close(spec.code, spec.reason);
    } catch {
      // already closing
    }
    this.#finish();
  }

  /** The socket closed (client went away, network drop). */
  socketClosed(): void {
    if (this.#phase.kind !== 'closed') this.#phase = { kind: 'closed' };
    this.#finish();
  }

  #finish(): void {
    if (this.#awarenessTimer) clearTimeout(this.#awarenessTimer);
    this.#awarenessTimer = null;
    if (this.#pendingSync) clearTimeout(this.#pendingSync.timer);
    this.#pendingSync = null;
    const done = this.#onFinish;
    this.#onFinish = null;
    done?.(this);
  }

  #write(message: Uint8Array): void {
    if (this.socket.bufferedAmount > MAX_SEND_BUFFER_BYTES) {
      return this.close(TRY_AGAIN_LATER, { why: 'slow reader', buffered: this.socket.bufferedAmount });
    }
    this.socket.send(message);
  }

  #handle(channel: DocChannel, rights: DocAccess, data: Uint8Array): void {
    try {
      this.#dispatch(channel, rights, data);
    } catch (error) {
      if (error instanceof AwarenessStateTooLarge) this.close(CloseCode.TooLarge, { why: 'awareness', error: error.message });
      else this.close(CloseCode.Malformed, { why: 'decode', error: String(error) });
    }
  }

  #dispatch(channel: DocChannel, rights: DocAccess, data: Uint8Array): void {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MessageType.Sync: {
        const step = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (decoding.hasContent(d)) throw new Error('trailing bytes after a sync message');
        if (step === SyncStep1) {
          Y.decodeStateVector(payload); // validates before it reaches encodeStateAsUpdate
          this.#requestSync(channel, payload);
        } else if (step === SyncStep2 || step === SyncUpdate) {
          if (payload.byteLength > MAX_UPDATE_BYTES) return this.close(CloseCode.TooLarge, { why: 'update', bytes: payload.byteLength });
          if (rights.access !== 'write') {
            // Read-only: dropped without touching the doc; the empty SyncStep2 completes the
            // client's handshake so it does not resend forever.
            this.send(NOOP_SYNC_STEP2);
            return;
          }
          const result = channel.room.submit(payload, this);
          if (result === 'malformed') this.close(CloseCode.Malformed, { why: 'update does not decode' });
          else if (result === 'too-large') this.close(CloseCode.TooLarge, { why: 'document size' });
        } else {
          throw new Error(`unknown sync step ${step}`);
        }
        return;
      }
      case MessageType.Awareness: {
        const update = decoding.readVarUint8Array(d);
        if (decoding.hasContent(d)) throw new Error('trailing bytes after an awareness message');
        const entries = decodeAwarenessUpdate(update, MAX_AWARENESS_STATE_BYTES, MAX_AWARENESS_ENTRIES);
        const own = channel.relay.ownEntries(this, entries);
        if (own.length > 0) this.#relayAwareness(channel, own);
        return;
      }
      case MessageType.QueryAwareness:
        if (decoding.hasContent(d)) throw new Error('trailing bytes after query-awareness');
        channel.sendAwarenessSnapshot(this);
        return;
      default:
        // Auth (2), Persisted (100) and anything else are server-to-client or unknown.
        throw new Error(`unexpected message type ${type}`);
    }
  }

  /** Rate-limited SyncStep1 answers: over the rate, only the newest request waits (coalesced). */
  #requestSync(channel: DocChannel, stateVector: Uint8Array): void {
    if (this.#pendingSync) {
      this.#pendingSync.stateVector = stateVector;
      return;
    }
    if (this.#syncBucket.take()) {
      channel.answerSyncStep1(this, stateVector);
      return;
    }
    const answer = () => {
      const pending = this.#pendingSync;
      if (!pending) return;
      // Held while re-authorising: the answer must come from the rights decided next.
      if (this.#phase.kind !== 'open' || !this.#syncBucket.take()) {
        pending.timer = setTimeout(answer, Math.max(50, this.#syncBucket.waitMs()));
        return;
      }
      this.#pendingSync = null;
      this.#phase.channel.answerSyncStep1(this, pending.stateVector);
    };
    this.#pendingSync = { stateVector, timer: setTimeout(answer, this.#syncBucket.waitMs()) };
  }

  /** Rate-limited relay: over the rate, only the newest state per client id waits for a token. */
  #relayAwareness(channel: DocChannel, entries: AwarenessEntry[]): void {
    if (this.#stashedAwareness.size === 0 && this.#awarenessBucket.take()) {
      channel.relayAwareness(this, entries);
      return;
    }
    for (const e of entries) this.#stashedAwareness.set(e.clientId, e);
    if (this.#awarenessTimer) return;
    const flush = () => {
      this.#awarenessTimer = null;
      if (this.#phase.kind !== 'open') {
        if (this.#phase.kind === 'authorizing') this.#awarenessTimer = setTimeout(flush, 50);
        return;
      }
      if (!this.#awarenessBucket.take()) {
        this.#awarenessTimer = setTimeout(flush, this.#awarenessBucket.waitMs());
        return;
      }
      const stashed = [...this.#stashedAwareness.values()];
      this.#stashedAwareness.clear();
      this.#phase.channel.relayAwareness(this, stashed);
    };
    this.#awarenessTimer = setTimeout(flush, this.#awarenessBucket.waitMs());
  }
}
