#!/usr/bin/env node
// Enforces the dependency rule of DESIGN.md section 2 (house style rule 3):
// - shared/ imports only libraries (no server/, client/, no node:* builtins: it runs in browsers);
// - client/ never imports server/;
// - migrations/ import only kysely;
// - inside server/, the inner layers (commands/, ydocs/, auth/, store/) never import a door
//   (http/, collab/, cli/).
// Prints every violation as file:line and exits 1 when there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

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

const top = (p) => relative(root, p).split(sep);
const DOORS = new Set(['http', 'collab', 'cli']);
const INNER = new Set(['commands', 'ydocs', 'auth', 'store']);

export function violations() {
  const out = [];
  for (const area of ['shared', 'client', 'migrations', 'server']) {
    for (const file of files(join(root, area))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2];
        const line = text.slice(0, m.index).split('\n').length + (text[m.index] === '\n' ? 1 : 0);
        const where = `${relative(root, file)}:${line}`;
        const target = spec.startsWith('.') ? top(resolve(dirname(file), spec)) : null;
        if (area === 'shared') {
          if (spec.startsWith('node:')) out.push(`${where}: shared/ must not import Node builtins (${spec})`);
          else if (target && target[0] !== 'shared') out.push(`${where}: shared/ may import only shared/ and libraries (${spec})`);
        } else if (area === 'client') {
          if (target && target[0] === 'server') out.push(`${where}: client/ must not import server/ (${spec})`);
        } else if (area === 'migrations') {
          if (spec !== 'kysely') out.push(`${where}: migrations import only kysely (${spec})`);
        } else if (area === 'server') {
          if (target && target[0] === 'client') out.push(`${where}: server/ must not import client/ (${spec})`);
          const from = top(file)[1];
          if (target && target[0] === 'server' && INNER.has(from) && DOORS.has(target[1])) {
            out.push(`${where}: server/${from}/ must not import the door server/${target[1]}/ (${spec})`);
          }
        }
      }
    }
  }
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
