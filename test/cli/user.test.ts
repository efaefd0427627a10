import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../server/services';
import { findUserByEmail } from '../../server/store/users';
import { type TestEnv, testEnv } from '../helpers/env';

// The CLI runs as a real process against a real SQLite file in a temp DATA_DIR.
describe('concord user create', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = testEnv('sqlite');
  });
  afterEach(async () => env.cleanup());

  const run = (args: string[], stdin: string) =>
    spawnSync(process.execPath, ['bin/concord.js', ...args], { input: stdin, encoding: 'utf8', env: { ...process.env, DATA_DIR: env.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' } });

  it('creates an admin account with the password from stdin', async () => {
    const r = run(['user', 'create', '--email', 'Lead@Uni.example', '--name', 'Lena Lead', '--admin'], 'a long password\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/created admin account lead@uni\.example/);
    const s = await createServices({ ...env.config, databaseUrl: null });
    try {
      const u = await findUserByEmail(s.db, 'lead@uni.example');
      expect(u).toMatchObject({ name: 'Lena Lead', isAdmin: true });
      expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    } finally {
      await s.close();
    }
  });

  it('exits 2 with a clear message on a short password, a bad email, or a duplicate', () => {
    const short = run(['user', 'create', '--email', 'a@b.example', '--name', 'A'], 'short\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/at least 8 characters/);
    const bad = run(['user', 'create', '--email', 'not-an-email', '--name', 'A'], 'long enough pw\n');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--email/);
    expect(run(['user', 'create', '--email', 'a@b.example', '--name', 'A'], 'long enough pw\n').status).toBe(0);
    const dup = run(['user', 'create', '--email', 'a@b.example', '--name', 'A'], 'long enough pw\n');
    expect(dup.status).toBe(2);
    expect(dup.stderr).toMatch(/exists already/);
    const unknown = run(['user', 'create', '--email', 'c@b.example', '--name', 'A', '--root'], 'long enough pw\n');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --root/);
  });
});
