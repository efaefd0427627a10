import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { pct, round2 } from '../lib/stats';
import type { Figures } from './context';

/**
 * The physical floor of commit-before-broadcast (issue 19, item 1): the latency of one flushed
 * commit of one small row on the data folder's file system, with the settings Concord's store
 * uses (WAL, synchronous=FULL). Whatever Concord does, a change cannot reach another client
 * sooner than one of these after it arrives; the p99 target is "anchor p99 + this p99".
 * Measured in the same run as the scenarios, on the same folder (os.tmpdir(), where
 * bench/lib/concordFixture.ts copies Concord's data), with one writer and nothing else.
 */
export function commitFloor(commits = 400): Figures {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-floor-'));
  try {
    const db = new Database(join(dir, 'floor.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table log (id integer primary key, doc text not null, body blob not null)');
    const insert = db.prepare('insert into log (doc, body) values (?, ?)');
    // A typical update frame of S1/S2 is ~40 bytes; 100 bytes leaves room for the row's other columns.
    const body = randomBytes(100);
    const one = db.transaction(() => insert.run('floor', body));
    for (let i = 0; i < 20; i++) one(); // warm the page cache and the WAL file
    const ms: number[] = [];
    for (let i = 0; i < commits; i++) {
      const t = process.hrtime.bigint();
      one();
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    db.close();
    return { commits, commitP50Ms: pct(ms, 50), commitP99Ms: pct(ms, 99), commitMaxMs: round2(Math.max(...ms)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
