#!/usr/bin/env node
// The `concord` command. The code base is TypeScript; tsx compiles it on load so that the
// package runs straight from a checkout (`npm install && npm start`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
