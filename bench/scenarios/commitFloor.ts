import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3-multiple-ciphers';
import { pct, round2 } from '../lib/stats';
import type { Figures } from './context';

interface Series {
  p50: number | null;
  p99: number | null;
  max: number;
  /** Mean CPU (user + system, this process) per commit: the kernel's flush work included. */
  cpuMs: number;
  /** Its kernel part. */
  sysMs: number;
}

/**
 * The physical floor of commit-before-broadcast (issue 19, item 1): one flushed commit of one
 * small row on the data folder's file system, with the settings Concord's store uses (WAL,
 * synchronous=FULL). Whatever Concord does, a change cannot reach another client sooner than one
 * of these after it arrives; the p99 target is "anchor p99 + this p99". Measured in the same run
 * as the scenarios, on the same folder (os.tmpdir(), where bench/lib/concordFixture.ts copies
 * Concord's data), with one writer and nothing else.
 *
 * Measured three ways: back to back (`commit*`: the write-back path busy, the cheapest a flushed
 * commit gets), and spaced as S1 and S2 space their commits (`s1Commit*`, `s2Commit*`). A commit
 * that comes alone costs more: on this machine's virtual disk a commit every 25 ms takes 2-3x the
 * wall time and CPU of back-to-back ones (docs/benchmarks.md, 7 December). Each scenario's floor
 * is the one at its own spacing; the back-to-back figure is kept beside it. `spacingMs`: how far
 * apart S1's and S2's changes arrive (bench/scenarios/index.ts derives it from their shapes: S1
 * 40 changes a second on one document, 25 ms; S2 500 a second over 50 documents, 2 ms).
 */
export async function commitFloor(spacingMs: { s1: number; s2: number }, commits = 400): Promise<Figures> {
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
    const series = async (spacingMs: number): Promise<Series> => {
      const ms: number[] = [];
      let cpuMicros = 0;
      let sysMicros = 0;
      for (let i = 0; i < commits; i++) {
        if (spacingMs > 0) await sleep(spacingMs);
        const c = process.cpuUsage();
        const t = process.hrtime.bigint();
        one();
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
        const used = process.cpuUsage(c);
        cpuMicros += used.user + used.system;
        sysMicros += used.system;
      }
      const perCommit = (micros: number) => Math.round(micros / commits) / 1000;
      return { p50: pct(ms, 50), p99: pct(ms, 99), max: round2(Math.max(...ms)), cpuMs: perCommit(cpuMicros), sysMs: perCommit(sysMicros) };
    };
    const busy = await series(0);
    const s1 = await series(spacingMs.s1);
    const s2 = await series(spacingMs.s2);
    db.close();
    return {
      commits,
      commitP50Ms: busy.p50,
      commitP99Ms: busy.p99,
      commitMaxMs: busy.max,
      commitCpuMs: busy.cpuMs,
      commitSysMs: busy.sysMs,
      s1CommitP50Ms: s1.p50,
      s1CommitP99Ms: s1.p99,
      s1CommitCpuMs: s1.cpuMs,
      s1CommitSysMs: s1.sysMs,
      s2CommitP50Ms: s2.p50,
      s2CommitP99Ms: s2.p99,
      s2CommitCpuMs: s2.cpuMs,
      s2CommitSysMs: s2.sysMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
