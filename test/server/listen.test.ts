import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { type RunningServer, startServer } from '../../server/server';
import { type TestEnv, testEnv } from '../helpers/env';

/** Issue 14 item 14: a fresh instance listens on loopback unless HOST says otherwise. */
describe('the listening address', () => {
  let env: TestEnv | null = null;
  let server: RunningServer | null = null;
  afterEach(async () => {
    await server?.close();
    await env?.cleanup();
    server = null;
    env = null;
  });

  it('is 127.0.0.1 by default', async () => {
    expect(parseConfig({}).host).toBe('127.0.0.1');
    env = testEnv('sqlite');
    server = await startServer(env.config, env.options);
    expect((server.http.address() as AddressInfo).address).toBe('127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${server.port}/api/health`)).status).toBe(200);
  });

  it('is what HOST says, and a malformed HOST is refused at start', async () => {
    env = testEnv('sqlite', { HOST: '0.0.0.0' });
    server = await startServer(env.config, env.options);
    expect((server.http.address() as AddressInfo).address).toBe('0.0.0.0');
    expect(() => parseConfig({ HOST: 'not a host/name' })).toThrow(/HOST/);
  });
});
