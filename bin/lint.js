#!/usr/bin/env node
// Enforces the dependency rule of DESIGN.md section 2 (house style rule 3, docs/architecture.md):
// - shared/ imports only libraries (no server/, client/, no node:* builtins: it runs in browsers);
// - client/ never imports server/, and imports a shared/ file that holds only types (such as the
//   API's response shapes) with `import type`, so no bundle depends on a module that has no code;
// - migrations/ import only kysely;
// - every server folder is a layer that may import only the layers SERVER_LAYERS lists (and
//   shared/ and libraries); a door (http/, collab/, cli/) never imports another door; a file
//   directly in server/commands/ is refused (use cases live in feature folders);
// - no folder cycle: the layers and the feature folders of commands/ import each other in one
//   direction only, and no server files import each other's values in a ring.
// Prints every violation as file:line (or the folders of a cycle) and exits 1 when there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The loose files at the root of server/ and the layer each one is. */
export const ROOT_FILES = {
  'config.ts': 'kernel',
  'errors.ts': 'kernel',
  'ids.ts': 'kernel',
  'log.ts': 'kernel',
  'paths.ts': 'kernel',
  'services.ts': 'services',
  'server.ts': 'main',
};

/**
 * Each server layer and the layers it may import (besides itself, shared/ and libraries).
 * Inner layers first; a door is never imported by an inner layer, nor by another door.
 */
export const SERVER_LAYERS = {
  kernel: [], // config.ts, errors.ts, ids.ts, log.ts, paths.ts
  buses: ['kernel'],
  store: ['kernel'],
  auth: ['store', 'kernel'],
  ydocs: ['store', 'kernel'],
  cluster: ['ydocs', 'buses', 'store', 'kernel'],
  services: ['cluster', 'ydocs', 'buses', 'auth', 'store', 'kernel'], // services.ts
  commands: ['services', 'ydocs', 'auth', 'store', 'buses', 'kernel'],
  demo: ['commands', 'services', 'ydocs', 'store', 'kernel'],
  http: ['commands', 'services', 'auth', 'store', 'kernel'],
  collab: ['commands', 'services', 'ydocs', 'auth', 'store', 'buses', 'kernel'],
  cli: ['main', 'commands', 'demo', 'services', 'ydocs', 'auth', 'store', 'kernel'],
  main: ['http', 'collab', 'cluster', 'commands', 'services', 'ydocs', 'kernel'], // server.ts
};
export const DOORS = new Set(['http', 'collab', 'cli']);

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    if (e === 'node_modules' || e === 'dist') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx)$/.test(e)) yield p;
  }
}

/** A server file's layer, and its node in the folder graph (a layer, or commands/<feature>). */
function placeOf(parts) {
  if (parts.length === 2) {
    const layer = ROOT_FILES[parts[1]] ?? null;
    return { layer, node: layer };
  }
  const layer = parts[1];
  return { layer, node: layer === 'commands' && parts.length > 3 ? `commands/${parts[2]}` : layer };
}

/** Strongly connected components of more than one node (Tarjan), each sorted. */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const on = new Set();
  const idx = new Map();
  const low = new Map();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/** The file an import of `path` (resolved, extension optional) names, or null. */
function sourceOf(path) {
  for (const p of [path, `${path}.ts`, `${path}.tsx`, join(path, 'index.ts')]) {
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Whether a module exports only types (interfaces and type aliases): nothing exists of it at run time. */
function holdsOnlyTypes(file) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return /^\s*export\s/m.test(text) && !/^\s*export\s+(?!type\s|interface\s)/m.test(text);
}

const addEdge = (graph, a, b) => {
  if (!graph.has(a)) graph.set(a, new Set());
  graph.get(a).add(b);
};

/** Every violation of the rules above in the tree at `root` (the repository by default). */
export function violations(root = repoRoot) {
  const out = [];
  const top = (p) => relative(root, p).split(sep);
  const folderGraph = new Map();
  const fileGraph = new Map();
  for (const area of ['shared', 'client', 'migrations', 'server']) {
    for (const file of files(join(root, area))) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(root, file).split(sep).join('/');
      const place = area === 'server' ? placeOf(top(file)) : null;
      if (place && !place.layer) out.push(`${rel}:1: server/${top(file)[1]} is not a layer: give it a folder, or list it in ROOT_FILES of bin/lint.js`);
      else if (place && !(place.layer in SERVER_LAYERS)) out.push(`${rel}:1: server/${place.layer}/ is not a layer: add it to SERVER_LAYERS in bin/lint.js with what it may import`);
      else if (place && place.layer === 'commands' && top(file).length === 3) out.push(`${rel}:1: a use case lives in a feature folder of server/commands/, not directly in it`);
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2];
        const line = text.slice(0, m.index).split('\n').length + (text[m.index] === '\n' ? 1 : 0);
        const where = `${rel}:${line}`;
        const targetPath = spec.startsWith('.') ? resolve(dirname(file), spec) : null;
        const target = targetPath ? top(targetPath) : null;
        if (area === 'shared') {
          if (spec.startsWith('node:')) out.push(`${where}: shared/ must not import Node builtins (${spec})`);
          else if (target && target[0] !== 'shared') out.push(`${where}: shared/ may import only shared/ and libraries (${spec})`);
        } else if (area === 'client') {
          if (target && target[0] === 'server') out.push(`${where}: client/ must not import server/ (${spec})`);
          else if (target && target[0] === 'shared' && !/^\s*(?:import|export)\s+type\s/.test(m[0])) {
            const source = sourceOf(targetPath);
            if (source && holdsOnlyTypes(source)) out.push(`${where}: ${relative(root, source).split(sep).join('/')} holds only types: import it with \`import type\` (${spec})`);
          }
        } else if (area === 'migrations') {
          if (spec !== 'kysely') out.push(`${where}: migrations import only kysely (${spec})`);
        } else if (area === 'server') {
          if (target && target[0] === 'client') out.push(`${where}: server/ must not import client/ (${spec})`);
          if (!target || target[0] !== 'server' || !place.layer) continue;
          const to = placeOf(target.length === 2 ? [target[0], target[1].endsWith('.ts') ? target[1] : `${target[1]}.ts`] : target);
          if (!to.layer) continue; // reported at the file itself
          // A ring of type-only imports is erased when compiled (a class and its collaborators may
          // name each other's types); a ring of folders is refused whatever the imports are.
          if (!/^\s*(?:import|export)\s+type\s/.test(m[0])) addEdge(fileGraph, rel, relative(root, targetPath).split(sep).join('/').replace(/\.tsx?$/, ''));
          if (to.node !== place.node) addEdge(folderGraph, place.node, to.node);
          if (to.layer === place.layer) continue;
          if (DOORS.has(place.layer) && DOORS.has(to.layer)) out.push(`${where}: the door server/${place.layer}/ must not import the door server/${to.layer}/ (${spec})`);
          else if (DOORS.has(to.layer) && !(SERVER_LAYERS[place.layer] ?? []).includes(to.layer)) out.push(`${where}: server/${place.layer}/ must not import the door server/${to.layer}/ (${spec})`);
          else if (!(SERVER_LAYERS[place.layer] ?? []).includes(to.layer)) out.push(`${where}: server layer ${place.layer} must not import ${to.layer} (${spec}); allowed: ${(SERVER_LAYERS[place.layer] ?? []).join(', ') || 'nothing in server/'}`);
        }
      }
    }
  }
  for (const ring of cycles(folderGraph)) out.push(`folder cycle: ${ring.map((n) => `server/${n}/`).join(' <-> ')} import each other`);
  // File names without extension, so `./x` and `./x.ts` are one node.
  const normalised = new Map([...fileGraph].map(([a, bs]) => [a.replace(/\.tsx?$/, ''), bs]));
  for (const ring of cycles(normalised)) out.push(`import cycle: ${ring.join(' <-> ')} import each other`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const v = violations();
  for (const line of v) console.error(line);
  if (v.length) {
    console.error(`lint: ${v.length} dependency rule violation(s)`);
    process.exit(1);
  }
  console.log('lint: dependency rules hold');
}
