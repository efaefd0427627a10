// Concord in a benchmark child process: the production startServer (commit-before-broadcast is
// the only write path), configured from the environment; prints {"port"} once listening.
// SIGTERM closes it cleanly, so that a --cpu-prof profile gets written.
import { configFromEnv } from '../../server/config';
import { startServer } from '../../server/server';

const server = await startServer(configFromEnv());
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
