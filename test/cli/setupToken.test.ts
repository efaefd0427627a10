import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../server/services';
import { countUsers } from '../../server/store/users';
import { type TestEnv, testEnv } from '../helpers/env';
import { apiFor } from '../helpers/http';
import { runCli, startCli } from './runCli';

// Issue 14 item 14: the operator reads the first account's token on the server's console, or
// makes a fresh one with `concord setup-token`; both against a real SQLite file.
describe('concord setup-token and the token `concord serve` prints', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = testEnv('sqlite');
  });
  afterEach(async () => env.cleanup());

  const tokenIn = (stdout: string) => /setup token:\s+([a-z2-7]{32})\s/.exec(stdout)?.[1];
  const account = { email: 'first@example.org', name: 'First', password: 'first-password' };

  it('serve prints a token and the URL; setup-token replaces it; the token works once; then setup-token refuses', async () => {
    // CONCORD_BUILD_CLIENT=0: the console is what counts here, not the pages.
    const serve = startCli(['serve'], { DATA_DIR: env.dataDir, PORT: '0', CONCORD_BUILD_CLIENT: '0' });
    let printed = '';
    serve.child.stdout!.on('data', (d) => (printed += d));
    while (!tokenIn(printed)) await once(serve.child.stdout!, 'data');
    expect(printed).toMatch(/open http:\/\/localhost:\d+ and enter this setup token/);
    const fromServe = tokenIn(printed)!;
    serve.child.kill('SIGTERM');
    expect((await serve.done).code).toBe(0);

    const made = await runCli(['setup-token'], { DATA_DIR: env.dataDir });
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/works once, until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const fromCli = tokenIn(made.stdout)!;
    expect(fromCli).not.toBe(fromServe);

    const s = await createServices({ ...env.config, databaseUrl: null });
    try {
      const client = apiFor(s).client;
      // The token `serve` printed stopped working when the CLI made a new one.
      expect((await client().post('/api/auth/setup', { ...account, setupToken: fromServe })).json.error.code).toBe('setup_token_invalid');
      expect((await client().post('/api/auth/setup', { ...account, setupToken: fromCli })).status).toBe(201);
      expect(await countUsers(s.db)).toBe(1);
    } finally {
      await s.close();
    }

    const late = await runCli(['setup-token'], { DATA_DIR: env.dataDir });
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/already set up/);
    expect(late.stdout).toBe('');
  }, 60_000);
});
