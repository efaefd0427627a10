// Concord in a benchmark child process: the production startServer (commit-before-broadcast is
// the only write path), configured from the environment; prints {"port"} once listening.
// SIGTERM closes it cleanly, so that a --cpu-prof profile gets written.
import { sql } from 'kysely';
import { configFromEnv } from '../../server/config';
import { startServer } from '../../server/server';

const server = await startServer(configFromEnv());
// Diagnostic variant only (bench/lib/BenchServer.ts, concord-nosync): the production setting is
// synchronous=FULL, set by the store when it opens the database.
const synchronous = process.env.CONCORD_BENCH_SYNCHRONOUS;
if (synchronous === 'NORMAL' && server.services.dialect === 'sqlite') await sql.raw('PRAGMA synchronous = NORMAL').execute(server.services.db);
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
