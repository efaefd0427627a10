/**
 * Resource hints in the app shell (issues 15 and 16, first paint): for the address being opened,
 * the shell's <head> names the page's code (`modulepreload` of its chunk and the chunks it
 * imports, from Vite's manifest) and the GETs the page makes first (`preload` as fetch), so the
 * browser asks for them while it parses the HTML instead of after the entry script has loaded
 * and run (~150 ms later on the worksheet). The page's own fetch takes the preloaded answer
 * (same URL, mode cors, credentials same-origin: client/src/api.ts), so nothing is asked twice.
 *
 * The table is the client's early start's too (shared/pageRoutes.ts; that start still runs: a
 * hint the browser ignored costs nothing). Preloading grants nothing: every GET is answered by
 * its route with the session's own rights, exactly as the page's fetch would be. Only ids that
 * are plain identifiers are written into the page (no markup can come from the address).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_ROUTES, SIGN_IN_URLS } from '../../shared/pageRoutes';

type Manifest = Record<string, { file: string; imports?: string[] }>;

/**
 * The files of a manifest entry and of everything it imports statically, each once, without the
 * entry script and the chunks it imports itself (its own <script> and Vite's links load them).
 */
function chunkFiles(manifest: Manifest, key: string): string[] {
  const reach = (from: string, seen: Set<string>) => {
    if (seen.has(from) || !manifest[from]) return seen;
    seen.add(from);
    for (const i of manifest[from]!.imports ?? []) reach(i, seen);
    return seen;
  };
  const loaded = reach('index.html', new Set());
  return [...reach(key, new Set())].filter((k) => !loaded.has(k) && manifest[k]!.file.endsWith('.js')).map((k) => manifest[k]!.file);
}

/** The <link> elements for `path`: the sign-in check always, a known page's code and data too. */
export function pageHints(path: string, manifest: Manifest | null): string {
  const fetches: string[] = [...SIGN_IN_URLS];
  const modules: string[] = [];
  for (const route of PAGE_ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    fetches.push(...route.data(m[1]!));
    if (manifest) modules.push(...chunkFiles(manifest, route.page));
    break;
  }
  return [
    ...modules.map((f) => `<link rel="modulepreload" href="/${f}">`),
    // A query's `&` written as HTML spells it (the table of themes' page: `?format=json&perCell=2`).
    ...fetches.map((u) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${u.replaceAll('&', '&amp;')}">`),
  ].join('');
}

/** Vite's manifest of the built client, or null when the build wrote none. */
export function readManifest(distDir: string): Manifest | null {
  const file = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** A file's size and modification time, or null when it is absent. */
function stamp(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * The built app shell (index.html) and Vite's manifest, read and parsed once, then again only
 * when a build has replaced one of them (`npm run build` while the server runs, or beside
 * bin/dev.js): each request costs two stats, not two reads and a JSON parse. Null while
 * index.html is absent.
 */
export function shellSource(distDir: string): () => { shell: string; manifest: Manifest | null } | null {
  const indexFile = join(distDir, 'index.html');
  const manifestFile = join(distDir, '.vite', 'manifest.json');
  let cached: { key: string; shell: string; manifest: Manifest | null } | null = null;
  return () => {
    const index = stamp(indexFile);
    if (index === null) return null;
    const manifestStamp = stamp(manifestFile);
    const key = `${index} ${manifestStamp}`;
    if (cached?.key === key) return cached;
    let shell: string;
    try {
      shell = readFileSync(indexFile, 'utf8');
    } catch {
      return null;
    }
    const manifest = readManifest(distDir);
    // A manifest that did not parse (a build writing it right now) is read again next time.
    cached = { key: manifest === null && manifestStamp !== null ? '' : key, shell, manifest };
    return cached;
  };
}

/** The app shell with the hints for `path` at the end of its <head>. */
export function withPageHints(shell: string, path: string, manifest: Manifest | null): string {
  const at = shell.indexOf('</head>');
  return at < 0 ? shell : shell.slice(0, at) + pageHints(path, manifest) + shell.slice(at);
}
