import { type AwarenessEntry, encodeAwarenessUpdate } from './awarenessCodec';
import { MAX_AWARENESS_CLIENTS_PER_CONNECTION } from './limits';

/**
 * The awareness (presence) of one document: who is here, and in open settings where their
 * cursor is. Two rules keep it honest:
 * - a connection speaks only for the client ids it announced in its first awareness message
 *   (bound to it while it is open). y-websocket providers echo every state they learn back to the
 *   server; those echoes, and any attempt to speak for someone else, are ignored;
 * - in blind mode, shared documents (codebook, consensus, discussion) relay only the whitelisted
 *   `user` field ({name, color}): a coder's selection or cursor would reveal their coding.
 * The relay numbers the states it sends itself, so a client reconnecting with an old clock is
 * still seen by the others after the removal the server sent when it left.
 */
export class DocAwareness<Owner extends object> {
  readonly #states = new Map<number, { owner: Owner; clock: number; json: string }>();
  readonly #clocks = new Map<number, number>();
  readonly #owned = new Map<Owner, Set<number>>();
  /** Owners standing for another node (applyForeign), whose ids a local connection may take over. */
  readonly #foreign = new WeakSet<Owner>();

  constructor(public blind: boolean) {}

  /** Entries of `entries` that `owner` may speak for (binding its ids on its first message). */
  ownEntries(owner: Owner, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
    let ids = this.#owned.get(owner);
    if (!ids) {
      ids = new Set();
      for (const e of entries) {
        if (ids.size >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) break;
        const holder = this.#holder(e.clientId);
        if (holder !== undefined && this.#foreign.has(holder)) {
          // The client moved here from another node (failover) before that node's copy of its
          // state expired: the live connection wins.
          this.#owned.get(holder)?.delete(e.clientId);
          ids.add(e.clientId);
        } else if (holder === undefined) ids.add(e.clientId);
      }
      this.#owned.set(owner, ids);
    }
    const own = ids;
    return entries.filter((e) => own.has(e.clientId));
  }

  /** Records an owner's entries (from `ownEntries`); returns the update to relay to the others. */
  apply(owner: Owner, entries: readonly AwarenessEntry[]): Uint8Array | null {
    const out: Array<{ clientId: number; clock: number; json: string }> = [];
    for (const e of entries) {
      const clock = Math.max(e.clock, (this.#clocks.get(e.clientId) ?? 0) + 1);
      this.#clocks.set(e.clientId, clock);
      if (e.state === null) {
        this.#states.delete(e.clientId);
        out.push({ clientId: e.clientId, clock, json: 'null' });
      } else {
        const json = JSON.stringify(this.blind ? blindView(e.state) : e.state);
        this.#states.set(e.clientId, { owner, clock, json });
        out.push({ clientId: e.clientId, clock, json });
      }
    }
    return out.length > 0 ? encodeAwarenessUpdate(out) : null;
  }

  /**
   * Records entries relayed by another node (which already bound them to their connections):
   * `owner` stands for that node and holds every id it speaks for, so `remove(owner)` drops
   * them all when the node falls silent. Returns the update to relay to local connections.
   */
  applyForeign(owner: Owner, entries: readonly AwarenessEntry[]): Uint8Array | null {
    let ids = this.#owned.get(owner);
    if (!ids) this.#owned.set(owner, (ids = new Set()));
    this.#foreign.add(owner);
    const mine: AwarenessEntry[] = [];
    for (const e of entries) {
      const holder = this.#holder(e.clientId);
      if (holder !== undefined && holder !== owner) continue; // a local connection owns it
      if (e.state === null) ids.delete(e.clientId);
      else ids.add(e.clientId);
      mine.push(e);
    }
    return this.apply(owner, mine);
  }

  /** Forgets a departed connection; returns the removal to relay, or null. */
  remove(owner: Owner): Uint8Array | null {
    const ids = this.#owned.get(owner);
    this.#owned.delete(owner);
    if (!ids) return null;
    const out: Array<{ clientId: number; clock: number; json: string }> = [];
    for (const id of ids) {
      if (!this.#states.has(id)) continue;
      this.#states.delete(id);
      const clock = (this.#clocks.get(id) ?? 0) + 1;
      this.#clocks.set(id, clock);
      out.push({ clientId: id, clock, json: 'null' });
    }
    return out.length > 0 ? encodeAwarenessUpdate(out) : null;
  }

  /** Every known state except `viewer`'s own: what a newly connected client is sent. */
  snapshot(viewer: Owner | null): Uint8Array | null {
    const out: Array<{ clientId: number; clock: number; json: string }> = [];
    for (const [clientId, s] of this.#states) if (s.owner !== viewer) out.push({ clientId, clock: s.clock, json: s.json });
    return out.length > 0 ? encodeAwarenessUpdate(out) : null;
  }

  /** Switches to blind mode: the stored states are reduced to their whitelisted view at once. */
  setBlind(blind: boolean): void {
    if (blind && !this.blind) {
      for (const s of this.#states.values()) s.json = JSON.stringify(blindView(JSON.parse(s.json) as Record<string, unknown>));
    }
    this.blind = blind;
  }

  #holder(clientId: number): Owner | undefined {
    for (const [owner, ids] of this.#owned) if (ids.has(clientId)) return owner;
    return undefined;
  }
}

/** The part of a presence state that blind mode lets others see: the user's name and colour. */
export function blindView(state: Record<string, unknown>): Record<string, unknown> {
  const u = state.user;
  if (typeof u !== 'object' || u === null) return {};
  const { name, color } = u as Record<string, unknown>;
  const user: Record<string, string> = {};
  if (typeof name === 'string') user.name = name.slice(0, 120);
  if (typeof color === 'string') user.color = color.slice(0, 32);
  return { user };
}
