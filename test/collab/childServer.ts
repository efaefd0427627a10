import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { RunningServer } from '../../server/server';
import { COMPILED_SERVER_PROCESS } from '../globalSetup';

export interface ChildServer {
  child: ChildProcess;
  port: number;
  /** Just enough of RunningServer for the collab test helpers. */
  server: Pick<RunningServer, 'port' | 'url'>;
  exited: Promise<void>;
}

/**
 * Starts test/collab/serverProcess.ts in a child process and waits for its port: compiled ahead of
 * time by test/globalSetup.ts (the server as `npm start` runs it, without a transpiler).
 */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [COMPILED_SERVER_PROCESS], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(() => undefined);
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([once(lines, 'line').then(([l]) => String(l)), exited.then(() => null)]);
  if (first === null) throw new Error('the server process exited before listening');
  const { port } = JSON.parse(first) as { port: number };
  return { child, port, server: { port, url: `http://localhost:${port}` }, exited };
}
