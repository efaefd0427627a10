import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticHandler } from '../../server/http/static';

// The app shell names the opened page's code and first GETs in its <head> (server/http/pageHints.ts).
describe('resource hints in the app shell', () => {
  let dist: string;
  const app = new Hono();
  const manifest = {
    'index.html': { file: 'assets/index-1.js', imports: ['_react-2.js'] },
    '_react-2.js': { file: 'assets/react-2.js' },
    '_doc-3.js': { file: 'assets/doc-3.js', imports: ['_react-2.js', 'index.html'] },
    'src/workspace/Workspace.tsx': { file: 'assets/Workspace-4.js', imports: ['_react-2.js', '_doc-3.js', 'index.html'] },
    'src/codebook/CodebookReconcilePage.tsx': { file: 'assets/Codebook-5.js', imports: ['index.html'] },
  };
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'concord-hints-'));
    mkdirSync(join(dist, '.vite'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>Concord</title></head><body><div id="root"></div></body></html>');
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
    app.get('*', staticHandler(dist));
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const shell = async (path: string) => {
    const res = await app.request(`http://localhost${path}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const head = html.slice(0, html.indexOf('</head>'));
    return {
      modules: [...head.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]),
      fetches: [...head.matchAll(/<link rel="preload" as="fetch" crossorigin="anonymous" href="([^"]+)">/g)].map((m) => m[1]),
      html,
    };
  };

  it("names the worksheet's chunks (each once, not the entry's own) and its one data request", async () => {
    const { modules, fetches } = await shell('/transcripts/t-123_ab');
    expect(modules).toEqual(['/assets/Workspace-4.js', '/assets/doc-3.js']);
    expect(fetches).toEqual(['/api/auth/status', '/api/auth/me', '/api/transcripts/t-123_ab/worksheet']);
  });

  it("names the codebook reconciliation's chunk and request", async () => {
    const { modules, fetches } = await shell('/studies/s1/codebook');
    expect(modules).toEqual(['/assets/Codebook-5.js']);
    expect(fetches).toEqual(['/api/auth/status', '/api/auth/me', '/api/studies/s1/codebook/reconciliation']);
  });

  it("names the table of themes' page (its query's & written as HTML) and study requests", async () => {
    const { fetches, html } = await shell('/studies/s1/table');
    expect(fetches).toEqual(['/api/auth/status', '/api/auth/me', '/api/studies/s1/themes/table?format=json&amp;perCell=2', '/api/studies/s1']);
    expect(html).not.toContain('json&perCell');
  });

  it('names only the sign-in check elsewhere, and writes nothing from an address that is not a plain id', async () => {
    expect(await shell('/studies')).toMatchObject({ modules: [], fetches: ['/api/auth/status', '/api/auth/me'] });
    const odd = await shell('/transcripts/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(odd).toMatchObject({ modules: [], fetches: ['/api/auth/status', '/api/auth/me'] });
    expect(odd.html).not.toContain('script>alert');
  });

  it('reads the manifest once, and again when a build replaces it', async () => {
    const file = join(dist, '.vite', 'manifest.json');
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000);
    utimesSync(file, mtime, mtime);
    expect((await shell('/studies/s1/codebook')).modules).toEqual(['/assets/Codebook-5.js']);
    // Unchanged file (same size and modification time, different bytes): the parsed copy is used.
    const text = JSON.stringify(manifest);
    writeFileSync(file, text.replace('Codebook-5', 'Codebook-X'));
    utimesSync(file, mtime, mtime);
    expect(statSync(file).mtimeMs).toBe(mtime.getTime());
    expect((await shell('/studies/s1/codebook')).modules).toEqual(['/assets/Codebook-5.js']);
    // A new build: another modification time, so the new manifest names the new chunk.
    writeFileSync(file, text.replace('Codebook-5', 'Codebook-66'));
    utimesSync(file, new Date(mtime.getTime() + 5000), new Date(mtime.getTime() + 5000));
    expect((await shell('/studies/s1/codebook')).modules).toEqual(['/assets/Codebook-66.js']);
    writeFileSync(file, text);
    expect((await shell('/studies/s1/codebook')).modules).toEqual(['/assets/Codebook-5.js']);
  });

  it('serves the shell without page hints when the build wrote no manifest', async () => {
    rmSync(join(dist, '.vite'), { recursive: true });
    const { modules, fetches } = await shell('/transcripts/t1');
    expect(modules).toEqual([]);
    expect(fetches).toEqual(['/api/auth/status', '/api/auth/me', '/api/transcripts/t1/worksheet']);
  });
});
