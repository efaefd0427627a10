#!/usr/bin/env node
// Development: the API server on :3000 and Vite's dev server (with hot reload) on :5173,
// which proxies /api and /collab to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  // Vite serves the client here: the API server does not build client/dist.
  spawn(process.execPath, ['bin/concord.js', 'serve'], { stdio: 'inherit', env: { ...process.env, CONCORD_BUILD_CLIENT: '0' } }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'client/vite.config.ts'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', stop);
