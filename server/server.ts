import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type ClusterNode, startClusterNode } from './cluster/ClusterNode';
import { attachCollab } from './collab/attachCollab';
import type { Config } from './config';
import { type SetupToken, issueSetupToken } from './commands/accounts/setupToken';
import { completeWriteIntents } from './commands/intents/completeWriteIntents';
import { createApp } from './http/app';
import { docRoutes } from './http/routes/docs';
import { staticHandler } from './http/static';
import { clientDist } from './paths';
import { type ServiceOptions, type Services, createServices } from './services';

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  /** This process as one node of several on PostgreSQL; null on SQLite. */
  cluster: ClusterNode | null;
  http: Server;
  /** While no account exists: the one-time token the first account needs (`concord serve` prints it). */
  setupToken: SetupToken | null;
  close: () => Promise<void>;
}

/** Composes the doors (HTTP, collab) over one set of services and listens. */
export async function startServer(config: Config, options: ServiceOptions = {}): Promise<RunningServer> {
  const services = await createServices(config, options);
  const app = createApp(services, { staticHandler: staticHandler(clientDist), routes: docRoutes() });
  const http = createServer(getRequestListener(app.fetch));
  const collab = attachCollab(http, services);
  // Several processes may share a PostgreSQL database: follow the others' commits and rights
  // changes. Started before listening, so that no client is served before the node hears.
  const cluster =
    services.dialect === 'postgres' && config.databaseUrl
      ? await startClusterNode(services, services.docs, { url: config.databaseUrl, ...(options.pgSchema ? { schema: options.pgSchema } : {}) })
      : null;
  // Multi-step writes a crash interrupted are completed (or rolled back) before any client is served.
  await completeWriteIntents(services);
  // Before the first account exists, only who sees this process's console may create it (issue 14 item 14).
  const setupToken = await issueSetupToken(services, { ...(config.setupToken ? { fixed: config.setupToken.reveal() } : {}), replace: false });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    services,
    cluster,
    http,
    setupToken,
    close: async () => {
      await cluster?.close();
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await services.close();
    },
  };
}
