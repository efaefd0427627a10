import { type Socket, connect, createServer } from 'node:net';
import { once } from 'node:events';

/**
 * A TCP relay between one node and PostgreSQL that can hold back what the database sends to the
 * node's LISTEN connection (the one whose startup message names `concord-listen-<pid>`): while
 * held, that node hears no notification (no other node's commits, no rights or phase change),
 * exactly as if they were slow to arrive, and its pooled connections work as usual. Released,
 * everything held is delivered in order.
 */
export interface ListenerHold {
  /** DATABASE_URL for the node, through the relay. */
  url: string;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

const LISTENER_NAME = Buffer.from('concord-listen-');

export async function listenerHold(databaseUrl: string): Promise<ListenerHold> {
  const target = new URL(databaseUrl);
  let held = false;
  const listeners = new Set<{ client: Socket; stash: Buffer[] }>();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let first: Buffer | null = Buffer.alloc(0);
    let entry: { client: Socket; stash: Buffer[] } | null = null;
    client.on('data', (chunk) => {
      if (first !== null) {
        // The startup message (length-prefixed) says which connection this is.
        first = Buffer.concat([first, chunk]);
        if (first.length >= 4 && first.length >= first.readInt32BE(0)) {
          if (first.includes(LISTENER_NAME)) listeners.add((entry = { client, stash: [] }));
          upstream.write(first);
          first = null;
        }
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (entry && held) entry.stash.push(chunk);
      else client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      if (entry) listeners.delete(entry);
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const l of listeners) for (const chunk of l.stash.splice(0)) l.client.write(chunk);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
