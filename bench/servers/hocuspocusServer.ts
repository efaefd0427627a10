// @hocuspocus/server in a benchmark child process, on loopback. With HOCUSPOCUS_SQLITE=<file>
// it persists through @hocuspocus/extension-sqlite with that extension's defaults (debounced
// stores); otherwise it keeps documents in memory only. Prints {"port"} once listening.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const file = process.env.HOCUSPOCUS_SQLITE;
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions: file ? [new SQLite({ database: file })] : [],
});
await server.listen();
process.stdout.write(`${JSON.stringify({ port: server.address.port })}\n`);
process.once('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
