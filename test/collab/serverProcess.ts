// Entry point of a Concord server in a child process, for the crash-safety test and the
// benchmark: configuration from the environment (PORT=0 picks a free port), then one JSON line
// `{"port": N}` on stdout once it listens.
import { configFromEnv } from '../../server/config';
import { startServer } from '../../server/server';

const schema = process.env.CONCORD_PG_SCHEMA;
const server = await startServer(configFromEnv(), schema ? { pgSchema: schema } : {});
process.stdout.write(`${JSON.stringify({ port: server.port, pid: process.pid })}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
