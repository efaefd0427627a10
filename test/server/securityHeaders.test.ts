import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app';
import { staticHandler } from '../../server/http/static';
import type { Services } from '../../server/services';
import { testServices } from '../helpers/env';
import { seedUsers } from '../helpers/http';

/**
 * Issue 14 item 11: every response carries a strict CSP with frame-ancestors 'none', nosniff and
 * a Referrer-Policy: the app shell, assets, JSON, errors and downloads alike.
 */
describe('security headers', () => {
  let s: Services;
  let close: () => Promise<void>;
  let dist: string;
  beforeAll(async () => {
    ({ s, close } = await testServices('sqlite'));
    dist = mkdtempSync(join(tmpdir(), 'concord-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/a.js"></script>');
    writeFileSync(join(dist, 'assets', 'a.js'), 'console.log(1)');
  });
  afterAll(async () => {
    rmSync(dist, { recursive: true, force: true });
    await close();
  });

  it('are on every kind of response', async () => {
    const { users } = await seedUsers(s, ['lead']);
    const sid = (await users.lead!.api.post('/api/studies', { title: 'Headers' })).json.study.id as string;
    const app = createApp(s, { staticHandler: staticHandler(dist) });
    const cookie = users.lead!.api.cookie!;
    const responses = await Promise.all(
      [
        ['/', {}], // the app shell
        ['/studies/x', {}], // an app route (index.html)
        ['/assets/a.js', {}],
        ['/api/health', {}],
        ['/api/studies/nope', { cookie }], // 404 JSON error
        [`/api/studies/${sid}`, {}], // 401 (no cookie)
        [`/api/studies/${sid}/export/csv?what=themes`, { cookie }], // a download
      ].map(([path, headers]) => app.request(`http://localhost${path as string}`, { headers: headers as Record<string, string> })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 404, 401, 200]);
    for (const r of responses) {
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
