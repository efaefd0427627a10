import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { createServices } from '../../server/services';
import { startChildServer } from '../collab/childServer';
import { prng } from '../collab/frames';
import { seedUsers } from '../helpers/http';
import { runCli, startCli } from './runCli';

const mode = (path: string) => statSync(path).mode & 0o777;

/** A data folder with one study titled `title` and its lead's session cookie. */
async function instance(dataDir: string, title: string) {
  const s = await createServices(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    const { users } = await seedUsers(s, ['lead']);
    const study = (await users.lead!.api.post('/api/studies', { title })).json.study as { id: string };
    return { cookie: users.lead!.api.cookie!, studyId: study.id };
  } finally {
    await s.close();
  }
}

/** Titles of the studies in a data folder, read as the server would (migrations run). */
async function studyTitles(dataDir: string): Promise<string[]> {
  const s = await createServices(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  try {
    return (await s.db.selectFrom('studies').select('title').orderBy('title').execute()).map((r) => r.title);
  } finally {
    await s.close();
  }
}

const count = (file: string, table: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('concord restore', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'concord-restore-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps the database, its log, backups and before-restore copies 0600 in a 0700 folder', async () => {
    const root = tempDir();
    const data = join(root, 'data');
    // An existing folder as an older version or `mkdir` left it: tightened at start.
    mkdirSync(data, { mode: 0o755 });
    const s = await createServices(parseConfig({ DATA_DIR: data, LOG_LEVEL: 'silent' }));
    try {
      await seedUsers(s, ['lead']);
      expect({ dir: mode(data), db: mode(join(data, 'concord.db')), wal: mode(join(data, 'concord.db-wal')), shm: mode(join(data, 'concord.db-shm')) }).toEqual({ dir: 0o700, db: 0o600, wal: 0o600, shm: 0o600 });
    } finally {
      await s.close();
    }
    const out = join(root, 'backups', 'one.db');
    expect((await runCli(['backup', '--out', out], { DATA_DIR: data })).code).toBe(0);
    expect({ dir: mode(join(root, 'backups')), file: mode(out) }).toEqual({ dir: 0o700, file: 0o600 });
    expect((await runCli(['restore', out], { DATA_DIR: data })).code).toBe(0);
    const kept = readdirSync(data).filter((f) => f.includes('before-restore'));
    expect(kept).toHaveLength(1);
    expect({ dir: mode(data), db: mode(join(data, 'concord.db')), kept: mode(join(data, kept[0]!)) }).toEqual({ dir: 0o700, db: 0o600, kept: 0o600 });
  });

  it('restore --force after a crash keeps every committed row in the copy it keeps', async () => {
    const data = join(tempDir(), 'data');
    const { cookie, studyId } = await instance(data, 'Crashed');
    const backup = join(tempDir(), 'early.db');
    expect((await runCli(['backup', '--out', backup], { DATA_DIR: data })).code).toBe(0);
    const child = await startChildServer({ DATA_DIR: data });
    const url = child.server.url;
    const added = 25;
    for (let i = 0; i < added; i++) {
      const r = await fetch(`${url}/api/studies/${studyId}/participants`, { method: 'POST', headers: { cookie, origin: url, 'content-type': 'application/json' }, body: JSON.stringify({ pseudonym: `P${i}` }) });
      expect(r.status).toBe(201);
    }
    child.child.kill('SIGKILL');
    await child.exited;
    // The committed rows are in the write-ahead log only: the crash left it un-checkpointed.
    expect(statSync(join(data, 'concord.db-wal')).size).toBeGreaterThan(0);
    expect((await runCli(['restore', backup], { DATA_DIR: data })).code).toBe(2);
    const forced = await runCli(['restore', '--force', backup], { DATA_DIR: data });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    const kept = join(data, readdirSync(data).find((f) => f.includes('before-restore'))!);
    expect(count(kept, 'participants')).toBe(added);
    expect(count(join(data, 'concord.db'), 'participants')).toBe(0);
    expect(existsSync(join(data, 'concord.db-wal')) ? statSync(join(data, 'concord.db-wal')).size : 0).toBe(0);
  });

  it('refuses a crafted backup (the right table names, the wrong columns) and changes nothing', async () => {
    const data = join(tempDir(), 'data');
    await instance(data, 'Current');
    const good = join(tempDir(), 'good.db');
    expect((await runCli(['backup', '--out', good], { DATA_DIR: data })).code).toBe(0);
    const crafted = join(tempDir(), 'crafted.db');
    copyFileSync(good, crafted);
    const db = new SQLite(crafted);
    db.exec('alter table participants rename column pseudonym to name; alter table transcripts drop column sha256');
    db.close();
    const before = readdirSync(data).sort();
    const r = await runCli(['restore', crafted], { DATA_DIR: data });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a Concord backup of a known schema: table participants has columns/);
    expect(r.stderr).toMatch(/table transcripts/);
    // Nothing swapped, nothing left behind, and the server still starts on its own database.
    expect(readdirSync(data).sort()).toEqual(before);
    expect(await studyTitles(data)).toEqual(['Current']);
    // A backup with the tables but no record of its migrations cannot be brought up to date.
    const bare = join(tempDir(), 'bare.db');
    const b = new SQLite(bare);
    b.exec(['users', 'studies', 'members', 'transcripts', 'audit_events', 'doc_updates', 'doc_snapshots', 'kysely_migration'].map((t) => `create table ${t} (x);`).join(''));
    b.close();
    const r2 = await runCli(['restore', bare], { DATA_DIR: data });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/cannot be brought up to this version's schema|not a Concord backup/);
    expect(await studyTitles(data)).toEqual(['Current']);
  });

  it('leaves the old database or the new one, whenever a restore is killed', async () => {
    const root = tempDir();
    const template = join(root, 'template');
    await instance(template, 'Old');
    const newer = join(root, 'newer');
    await instance(newer, 'New');
    const backup = join(root, 'new.db');
    expect((await runCli(['backup', '--out', backup], { DATA_DIR: newer })).code).toBe(0);
    const data = join(root, 'data');
    const reset = () => {
      rmSync(data, { recursive: true, force: true });
      mkdirSync(data, { mode: 0o700 });
      for (const f of readdirSync(template)) copyFileSync(join(template, f), join(data, f));
    };
    reset();
    const started = performance.now();
    expect((await runCli(['restore', backup], { DATA_DIR: data })).code).toBe(0);
    const duration = performance.now() - started;
    const rand = prng(715);
    for (let round = 0; round < 8; round++) {
      reset();
      const run = startCli(['restore', backup], { DATA_DIR: data });
      const killAfter = Math.floor(rand() * duration);
      await new Promise((resolve) => setTimeout(resolve, killAfter)); // the crash moment, not a synchronisation
      run.child.kill('SIGKILL');
      await run.done;
      const titles = await studyTitles(data);
      expect({ round, killAfter, titles: titles.length === 1 && ['Old', 'New'].includes(titles[0]!) }).toEqual({ round, killAfter, titles: true });
    }
  }, 120_000);
});
