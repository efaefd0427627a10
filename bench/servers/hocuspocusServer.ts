// @hocuspocus/server in a benchmark child process, on loopback. With HOCUSPOCUS_SQLITE=<file>
// it persists through @hocuspocus/extension-sqlite at debounce 0 (issue 19: the durable
// reference stores the document at every change, after broadcasting it, instead of the default
// 2 s debounce); otherwise it keeps documents in memory only. Prints {"port"} once listening.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const file = process.env.HOCUSPOCUS_SQLITE;
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  ...(file ? { debounce: 0, maxDebounce: 0 } : {}),
  extensions: file ? [new SQLite({ database: file })] : [],
});
await server.listen();
process.stdout.write(`${JSON.stringify({ port: server.address.port })}\n`);
process.once('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
