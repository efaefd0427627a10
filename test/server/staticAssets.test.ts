import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticHandler } from '../../server/http/static';

// The built client is sent precompressed (bin/build.js writes NAME.br and NAME.gz beside each
// asset): the smallest encoding the browser accepts, the plain file otherwise.
describe('static client assets', () => {
  let dist: string;
  const js = `export const x = ${JSON.stringify('a coded line '.repeat(500))};\n`;
  const app = new Hono();
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'concord-static-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), js);
    writeFileSync(join(dist, 'assets', 'app.js.gz'), gzipSync(js));
    writeFileSync(join(dist, 'assets', 'app.js.br'), brotliCompressSync(js));
    writeFileSync(join(dist, 'assets', 'plain.css'), 'body { margin: 0 }');
    app.get('*', staticHandler(dist));
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const get = async (path: string, acceptEncoding?: string) => {
    const res = await app.request(`http://localhost${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };

  it('sends brotli when accepted, gzip when only gzip is, the plain file otherwise', async () => {
    const br = await get('/assets/app.js', 'gzip, deflate, br, zstd');
    expect(br.res.headers.get('content-encoding')).toBe('br');
    expect(br.res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.res.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(js.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(js);

    const gz = await get('/assets/app.js', 'gzip');
    expect(gz.res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);

    const refused = await get('/assets/app.js', 'br;q=0, gzip;q=0.5');
    expect(refused.res.headers.get('content-encoding')).toBe('gzip');

    const plain = await get('/assets/app.js');
    expect(plain.res.headers.get('content-encoding')).toBeNull();
    expect(plain.body.toString()).toBe(js);
  });

  it('sends an asset without precompressed copies as it is, and the app shell for app routes', async () => {
    const css = await get('/assets/plain.css', 'gzip, br');
    expect(css.res.headers.get('content-encoding')).toBeNull();
    expect(css.body.toString()).toBe('body { margin: 0 }');
    const shell = await get('/transcripts/abc', 'gzip, br');
    expect(shell.res.status).toBe(200);
    expect(shell.body.toString()).toContain('<div id="root">');
  });
});
