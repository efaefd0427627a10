#!/usr/bin/env node
// The `concord` command. It runs the server compiled ahead of time into dist/server (no
// TypeScript compiler at run time); bin/build.js first rebuilds whatever is out of date (the
// server for every command, the client too for `serve`), so that a checkout runs with
// `npm install && npm start` and an up-to-date one starts without building anything.
import module from 'node:module';
import { ensureBuilt } from './build.js';

// Node 22+: keep V8's compiled code of the server between starts (a no-op on Node 20).
module.enableCompileCache?.();

const argv = process.argv.slice(2);
const buildClient = argv[0] === 'serve' && process.env.CONCORD_BUILD_CLIENT !== '0'; // bin/dev.js: Vite serves the client
if (!ensureBuilt(buildClient ? ['server', 'client'] : ['server'])) {
  console.error('concord: the build failed (see above); `npm run build` shows it again');
  process.exit(1);
}
const { main } = await import('../dist/server/main.js');
process.exitCode = await main(argv);
