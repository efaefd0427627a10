import { sql } from 'kysely';
import { z } from 'zod';
import type { Logger } from '../log';
import type { RightsBus, RightsChange } from '../buses/rightsBus';
import type { Database } from '../store/database';

const id = z.string().min(1).max(200);
const changeSchema = z.union([
  z.object({ kind: z.literal('study'), studyId: id }),
  z.object({ kind: z.literal('transcript'), transcriptId: id }),
  z.object({ kind: z.literal('session'), sessionId: id }),
  z.object({ kind: z.literal('user'), userId: id }),
]);
const messageSchema = z.object({ node: z.string(), change: changeSchema });

export interface RightsRelay {
  /** A payload from the rights channel. */
  deliver(payload: string): void;
  close(): void;
}

/**
 * Carries rights changes between nodes: a change emitted on this node's RightsBus (by a command,
 * after its commit) is NOTIFYed as JSON; one heard from another node is emitted on this node's
 * bus, so the collab door closes affected connections here too (4205). A remote change is not
 * sent on again (no echo), and our own notifications are ignored when they come back.
 */
export function relayRights(rights: RightsBus, db: Database, channel: string, nodeId: string, log: Logger): RightsRelay {
  let relaying = false;
  const unsubscribe = rights.subscribe((change) => {
    if (relaying || change.kind === 'all') return; // 'all' is a local re-check, not an event
    const payload = JSON.stringify({ node: nodeId, change });
    void sql`select pg_notify(${channel}, ${payload})`
      .execute(db)
      .catch((error: unknown) => log.error('cluster.rights_notify_failed', { change, error: String(error) }));
  });
  return {
    deliver(payload) {
      let parsed: z.infer<typeof messageSchema>;
      try {
        parsed = messageSchema.parse(JSON.parse(payload));
      } catch (error) {
        return log.warn('cluster.rights_payload_invalid', { error: String(error) });
      }
      if (parsed.node === nodeId) return;
      relaying = true;
      try {
        rights.emit(parsed.change satisfies RightsChange);
      } finally {
        relaying = false;
      }
    },
    close: unsubscribe,
  };
}
