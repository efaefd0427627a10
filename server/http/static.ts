import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { shellSource, withPageHints } from './pageHints';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';
import { invalid } from '../errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The encodings bin/build.js wrote beside each asset (NAME.br, NAME.gz), best first. */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/** Whether an Accept-Encoding header accepts `name` (present, and not with q=0). */
function accepts(header: string, name: string): boolean {
  return header.split(',').some((part) => {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    return token === name && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

/**
 * Serves the built client (client/dist). Unknown paths get index.html so that the browser
 * app's routes (/studies/..., /transcripts/...) survive a reload.
 */
export function staticHandler(distDir: string) {
  const indexFile = join(distDir, 'index.html');
  const appShell = shellSource(distDir);
  const notBuilt = (c: Context) =>
    c.html('<!doctype html><title>Concord</title><p>The web app is not built yet: run <code>npm run build</code> (npm start does this).</p>', 503);
  return async (c: Context): Promise<Response> => {
    if (!existsSync(indexFile)) return notBuilt(c);
    let decoded: string;
    try {
      decoded = decodeURIComponent(c.req.path);
    } catch {
      // A path that is not valid percent-encoding (say %ff%fe) names no file: a typed 400 (logged as
      // every refusal is, by onError), not a 500.
      throw invalid('the path is not valid percent-encoding');
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(distDir, rel);
    if (rel && file.startsWith(distDir + sep) && existsSync(file) && !file.endsWith(sep)) {
      try {
        const acceptEncoding = c.req.header('accept-encoding') ?? '';
        const encoding = ENCODINGS.find((e) => accepts(acceptEncoding, e.name) && existsSync(file + e.ext));
        const body = await readFile(encoding ? file + encoding.ext : file);
        const immutable = rel.startsWith('assets' + sep);
        return c.body(body, 200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          Vary: 'Accept-Encoding',
          ...(encoding ? { 'Content-Encoding': encoding.name } : {}),
        });
      } catch {
        // a directory or unreadable file: fall through to the app shell
      }
    }
    // The app shell, with hints for the page at this address (pageHints.ts).
    const source = appShell();
    if (!source) return notBuilt(c);
    return c.html(withPageHints(source.shell, c.req.path, source.manifest), 200, { 'Cache-Control': 'no-cache' });
  };
}
