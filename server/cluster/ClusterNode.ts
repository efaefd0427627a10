import { randomUUID } from 'node:crypto';
import type { DocRegistry } from '../ydocs/DocRegistry';
import type { Services } from '../services';
import { clusterChannels, decodeDocNotice } from './channels';
import { DocFollower, type FollowerStats } from './DocFollower';
import { Listener } from './Listener';
import { relayAwareness } from './awarenessRelay';
import { relayRights } from './rightsRelay';

/**
 * How often a node asks about every loaded document even without notifications: the bound on
 * how long a lost notification (a node crashed between commit and NOTIFY, a listener reconnect
 * race) can delay an update. One indexed query per node per period.
 */
export const CATCH_UP_INTERVAL_MS = 1000;

export interface ClusterNodeOptions {
  url: string;
  schema?: string;
}

export interface ClusterNode {
  readonly nodeId: string;
  readonly stats: FollowerStats;
  close(): Promise<void>;
}

/**
 * Makes this process one node of several on one PostgreSQL (DESIGN.md section 8): listens for
 * other nodes' commits, rights changes and presence, and catches up by query. The write side (per-document
 * commit order, the NOTIFY after each commit) is the LogWriter that Services chose for the
 * PostgreSQL dialect.
 */
export async function startClusterNode(s: Services, registry: DocRegistry, options: ClusterNodeOptions): Promise<ClusterNode> {
  const nodeId = randomUUID();
  const channels = clusterChannels(options.schema);
  const follower = new DocFollower(s.db, registry, s.log);
  const relay = relayRights(s.rights, s.db, channels.rights, nodeId, s.log);
  const presence = relayAwareness(s.awareness, s.db, channels.awareness, nodeId, s.log);
  const stopLoaded = registry.onLoaded((room) => follower.check(room.name));
  const listener = new Listener(
    options.url,
    [channels.docs, channels.rights, channels.awareness],
    {
      notification(channel, payload) {
        if (channel === channels.rights) return relay.deliver(payload);
        if (channel === channels.awareness) return presence.deliver(payload);
        const notice = decodeDocNotice(payload);
        if (notice) follower.notified(notice.doc, notice.id);
      },
      connected(again) {
        if (!again) return;
        // Whatever was announced while we were not listening: documents and rights.
        follower.sweep();
        s.rights.emit({ kind: 'all' });
      },
    },
    s.log,
  );
  await listener.start();
  const timer = setInterval(() => {
    follower.sweep();
    void listener.probe();
  }, CATCH_UP_INTERVAL_MS);
  timer.unref();
  s.log.info('cluster.node_started', { nodeId, channels });
  return {
    nodeId,
    stats: follower.stats,
    close: async () => {
      clearInterval(timer);
      stopLoaded();
      relay.close();
      presence.close();
      follower.close();
      await follower.idle();
      await listener.close();
    },
  };
}
