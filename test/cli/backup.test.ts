import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/auditChain';
import { parseConfig } from '../../server/config';
import { createServices } from '../../server/services';
import { listAudit } from '../../server/store/audit';
import { listParticipants } from '../../server/store/participants';
import { testServer } from '../helpers/env';
import { ApiClient } from '../helpers/http';
import { runCli as run } from './runCli';

/** A real-HTTP client (fetch) with a cookie, for writes that run while the backup process reads. */
async function signedIn(url: string, setupToken: string) {
  const res = await fetch(`${url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ email: 'lead@example.org', name: 'Lead', password: 'lead-password', setupToken }) });
  const cookie = /concord_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return (method: string, path: string, body: unknown) =>
    fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', origin: url, cookie }, body: JSON.stringify(body) }).then((r) => r.json());
}

describe('concord backup and restore', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('takes a consistent backup while writes go on, and restores it into a working instance', async () => {
    const { server, env, close } = await testServer('sqlite');
    try {
      const call = await signedIn(server.url, server.setupToken!.token);
      const sid = (await call('POST', '/api/studies', { title: 'Backed up' })).study.id;
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await call('POST', `/api/studies/${sid}/participants`, { pseudonym: `P${written}` });
          written++;
        }
      })();
      const out = join(mkdtempSync(join(tmpdir(), 'concord-backup-')), 'concord-backup.db');
      dirs.push(join(out, '..'));
      // Let some writes land before and during the backup.
      while (written < 20) await new Promise((r) => setImmediate(r));
      const backup = await run(['backup', '--out', out], { DATA_DIR: env.dataDir });
      writing = false;
      await writer;
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/backup written to .* 1 accounts, 1 studies/);
      // Recorded in the live database, so a later erasure lists this copy (docs/privacy.md).
      expect(await server.services.db.selectFrom('backups').select('path').execute()).toEqual([{ path: out }]);

      const target = mkdtempSync(join(tmpdir(), 'concord-restore-'));
      dirs.push(target);
      const restored = await run(['restore', out], { DATA_DIR: target });
      expect(restored.code).toBe(0);
      const s = await createServices(parseConfig({ DATA_DIR: target, LOG_LEVEL: 'silent' }));
      try {
        const participants = await listParticipants(s.db, sid);
        const events = await listAudit(s.db, sid);
        expect(participants.length).toBeGreaterThanOrEqual(20);
        expect(participants.length).toBeLessThanOrEqual(written);
        // Consistent: every participant in the copy has its audit event, and the chain holds.
        expect(events.filter((e) => e.action === 'participant.add')).toHaveLength(participants.length);
        expect(verifyChain(events)).toEqual({ verified: true, redacted: 0 });
      } finally {
        await s.close();
      }
      // The restored instance serves: its admin can sign in.
      const again = await createServices(parseConfig({ DATA_DIR: target, LOG_LEVEL: 'silent' }));
      const api = new ApiClient((await import('../../server/http/app')).createApp(again));
      expect((await api.post('/api/auth/login', { email: 'lead@example.org', password: 'lead-password' })).status).toBe(200);
      await again.close();
    } finally {
      await close();
    }
  });

  it('refuses to restore a file that is not a Concord backup, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-restore-'));
    dirs.push(dir);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database');
    const r = await run(['restore', junk], { DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a Concord backup|not a readable SQLite database/);
    const missing = await run(['backup'], { DATA_DIR: join(dir, 'data') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/usage: concord backup --out FILE/);
  });

  it('points PostgreSQL users to pg_dump', async () => {
    const r = await run(['backup', '--out', '/tmp/x'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pg_dump --format=custom/);
  });
});
