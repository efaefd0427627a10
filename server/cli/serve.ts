import { configFromEnv } from '../config';
import { startServer } from '../server';
import { setupTokenMessage } from './setupToken';
import type { CliIo } from './io';
import { EXIT_OK } from './io';

export async function runServe(_args: string[], io: CliIo): Promise<number> {
  const config = configFromEnv();
  const server = await startServer(config);
  // Listening for the stop signals before anything is printed: whoever reads the console (an
  // operator, a supervisor, a test) may stop the server the moment it says it serves, and the
  // signal must then shut it down cleanly, not kill it half-way.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const url = config.publicOrigin ?? server.url;
  io.stdout(`Concord is serving on ${url} (${server.services.dialect}${server.services.dialect === 'sqlite' ? `, data in ${config.dataDir}` : ''})\n`);
  if (server.setupToken) io.stdout(setupTokenMessage(server.setupToken, url, config.setupToken !== undefined));
  await stopped;
  io.stdout('Concord is shutting down\n');
  await server.close();
  return EXIT_OK;
}
