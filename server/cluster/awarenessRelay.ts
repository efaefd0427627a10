import { sql } from 'kysely';
import { z } from 'zod';
import type { AwarenessBus } from '../buses/awarenessBus';
import type { Logger } from '../log';
import type { Database } from '../store/database';

/**
 * PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. An awareness update beyond this
 * (a client with an unusually large state) stays on its node; presence is best effort.
 */
const MAX_PAYLOAD_CHARS = 7900;

const messageSchema = z.object({ n: z.string().min(1).max(100), d: z.string().min(1).max(500), u: z.string().min(1) });

export interface AwarenessRelayLink {
  deliver(payload: string): void;
  close(): void;
}

/**
 * Carries presence between nodes, so that coders on different nodes of one document see each
 * other (names, cursors where the study allows them). What the collab door relays locally is
 * sent as `{ n: node, d: doc, u: base64 update }`, batched per event-loop turn into one query;
 * what other nodes send is handed to the door. Our own messages are ignored when they come back.
 */
export function relayAwareness(bus: AwarenessBus, db: Database, channel: string, nodeId: string, log: Logger): AwarenessRelayLink {
  let pending: string[] = [];
  let sending = false;
  let dropped = 0;
  // One query at a time: two in flight on different pool connections could be delivered out of
  // order, and a stale state would then overwrite a newer one on the other nodes.
  const flush = () => {
    if (sending || pending.length === 0) return;
    const payloads = pending;
    pending = [];
    sending = true;
    void sql`select pg_notify(${channel}, p) from unnest(${payloads}::text[]) as p`
      .execute(db)
      .catch((error: unknown) => log.warn('cluster.awareness_notify_failed', { messages: payloads.length, error: String(error) }))
      .finally(() => {
        sending = false;
        flush();
      });
  };
  const unsubscribe = bus.onLocal(({ doc, update }) => {
    const payload = JSON.stringify({ n: nodeId, d: doc, u: Buffer.from(update).toString('base64') });
    if (payload.length > MAX_PAYLOAD_CHARS) {
      if (dropped++ % 100 === 0) log.info('cluster.awareness_too_large', { doc, bytes: update.byteLength, dropped });
      return;
    }
    if (pending.length === 0 && !sending) setImmediate(flush);
    pending.push(payload);
  });
  return {
    deliver(payload) {
      let m: z.infer<typeof messageSchema>;
      try {
        m = messageSchema.parse(JSON.parse(payload));
      } catch (error) {
        return log.warn('cluster.awareness_payload_invalid', { error: String(error) });
      }
      if (m.n === nodeId) return;
      bus.emitRemote({ doc: m.d, peer: m.n, update: new Uint8Array(Buffer.from(m.u, 'base64')) });
    },
    close: unsubscribe,
  };
}
