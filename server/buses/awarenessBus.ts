/**
 * Presence (awareness) of documents between the collab door and other nodes of a cluster.
 * The door emits what it relays locally (already filtered: own ids only, blind views); server/
 * cluster carries it to the other nodes and emits what they relay. Awareness is ephemeral, so
 * this is best effort: a lost message is repaired by the client's next renewal (every 15 s).
 * On a single node nobody listens and emitting costs nothing.
 */
export interface AwarenessMessage {
  doc: string;
  /** An encoded y-protocols awareness update. */
  update: Uint8Array;
}

export interface PeerAwarenessMessage extends AwarenessMessage {
  /** The node it comes from (its states are grouped, and expire, per node). */
  peer: string;
}

export class AwarenessBus {
  readonly #local = new Set<(m: AwarenessMessage) => void>();
  readonly #remote = new Set<(m: PeerAwarenessMessage) => void>();

  onLocal(listener: (m: AwarenessMessage) => void): () => void {
    this.#local.add(listener);
    return () => this.#local.delete(listener);
  }

  emitLocal(m: AwarenessMessage): void {
    for (const l of this.#local) l(m);
  }

  onRemote(listener: (m: PeerAwarenessMessage) => void): () => void {
    this.#remote.add(listener);
    return () => this.#remote.delete(listener);
  }

  emitRemote(m: PeerAwarenessMessage): void {
    for (const l of this.#remote) l(m);
  }
}
