import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { type ClientTarget, type Framing, HocuspocusAuth, Msg, framingFor } from './wire';

export interface ClientHooks {
  /** Items another client inserted into the shared array `b`, as they arrive. */
  onItems?: (items: readonly string[]) => void;
  /** An awareness state of another client id, as it arrives (raw JSON). */
  onAwareness?: (clientId: number, json: string) => void;
}

/**
 * A minimal Yjs client over either wire format: sync step 1/2, updates, awareness. It keeps a
 * real Y.Doc (so the server's messages are applied as a provider would) and nothing else: no
 * reconnect, no BroadcastChannel, so every delivery it counts came through the server.
 */
export class BenchClient {
  readonly doc = new Y.Doc();
  readonly #framing: Framing;
  #ws: WebSocket | null = null;
  #synced: (() => void) | null = null;
  #awarenessClock = 0;
  closedWith: number | null = null;
  /** Traffic from the server, for the per-delivery cost figures. */
  bytesIn = 0;
  messagesIn = 0;

  constructor(
    readonly target: ClientTarget,
    private readonly hooks: ClientHooks = {},
  ) {
    this.#framing = framingFor(target);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return; // from the server: do not echo
      const e = this.#framing.encoder();
      encoding.writeVarUint(e, Msg.Sync);
      syncProtocol.writeUpdate(e, update);
      this.#send(encoding.toUint8Array(e));
    });
    if (hooks.onItems) {
      const onItems = hooks.onItems;
      this.doc.getArray<string>('b').observe((event) => {
        if (event.transaction.origin !== this) return;
        for (const d of event.changes.delta) if (d.insert) onItems(d.insert as string[]);
      });
    }
  }

  /** Opens the socket; resolves once the server's SyncStep2 arrived (the client is synced). */
  connect(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sync timeout on ${this.target.docName}`)), timeoutMs);
      this.#synced = () => {
        clearTimeout(timer);
        resolve();
      };
      const ws = new WebSocket(this.target.url, { headers: this.target.headers, perMessageDeflate: false });
      ws.binaryType = 'nodebuffer';
      this.#ws = ws;
      ws.on('open', () => (this.target.wire === 'hocuspocus' ? this.#sendAuth() : this.#sendSyncStep1()));
      ws.on('message', (data: Buffer) => this.#receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      ws.on('close', (code) => {
        this.closedWith = code;
        clearTimeout(timer);
        if (this.#synced) reject(new Error(`closed ${code} before sync on ${this.target.docName}`));
      });
      ws.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  push(value: string): void {
    this.doc.getArray<string>('b').push([value]);
  }

  /** Sends this client's awareness state (as y-protocols encodes it: one entry, own clock). */
  sendAwareness(state: unknown): void {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.doc.clientID);
    encoding.writeVarUint(inner, ++this.#awarenessClock);
    encoding.writeVarString(inner, JSON.stringify(state));
    const e = this.#framing.encoder();
    encoding.writeVarUint(e, Msg.Awareness);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    this.#send(encoding.toUint8Array(e));
  }

  close(): void {
    this.#synced = null;
    this.#ws?.terminate();
    this.doc.destroy();
  }

  #send(bytes: Uint8Array): void {
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(bytes);
  }

  #sendAuth(): void {
    const e = this.#framing.encoder();
    encoding.writeVarUint(e, Msg.Auth);
    encoding.writeVarUint(e, HocuspocusAuth.Token);
    encoding.writeVarString(e, 'bench');
    this.#send(encoding.toUint8Array(e));
  }

  #sendSyncStep1(): void {
    const e = this.#framing.encoder();
    encoding.writeVarUint(e, Msg.Sync);
    syncProtocol.writeSyncStep1(e, this.doc);
    this.#send(encoding.toUint8Array(e));
  }

  #receive(bytes: Uint8Array): void {
    this.bytesIn += bytes.byteLength;
    this.messagesIn++;
    const d = decoding.createDecoder(bytes);
    if (!this.#framing.accept(d)) return;
    const type = decoding.readVarUint(d);
    switch (type) {
      case Msg.Sync:
      case Msg.SyncReply: {
        const reply = this.#framing.encoder();
        encoding.writeVarUint(reply, Msg.Sync);
        const step = syncProtocol.readSyncMessage(d, reply, this.doc, this);
        if (encoding.length(reply) > this.#framing.prefixLength + 1) this.#send(encoding.toUint8Array(reply));
        if (step === syncProtocol.messageYjsSyncStep2 && this.#synced) {
          const done = this.#synced;
          this.#synced = null;
          done();
        }
        return;
      }
      case Msg.Awareness:
        return this.#readAwareness(decoding.readVarUint8Array(d));
      case Msg.Auth:
        if (decoding.readVarUint(d) === HocuspocusAuth.Authenticated) this.#sendSyncStep1();
        return;
      default:
        return; // SyncStatus, Persisted, ...: acknowledgements the benchmark does not need
    }
  }

  #readAwareness(update: Uint8Array): void {
    const onAwareness = this.hooks.onAwareness;
    if (!onAwareness) return;
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      decoding.readVarUint(d); // clock
      const json = decoding.readVarString(d);
      if (clientId !== this.doc.clientID) onAwareness(clientId, json);
    }
  }
}
