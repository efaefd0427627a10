import { configFromEnv } from '../config';
import { startServer } from '../server';
import type { CliIo } from './io';
import { EXIT_OK } from './io';

export async function runServe(_args: string[], io: CliIo): Promise<number> {
  const config = configFromEnv();
  const server = await startServer(config);
  io.stdout(`Concord is serving on ${config.publicOrigin ?? server.url} (${server.services.dialect}${server.services.dialect === 'sqlite' ? `, data in ${config.dataDir}` : ''})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.stdout('Concord is shutting down\n');
  await server.close();
  return EXIT_OK;
}
