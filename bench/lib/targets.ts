import type { ServerKind } from './BenchServer';
import { round2 } from './stats';

type Medians = Record<string, Partial<Record<ServerKind, Record<string, number | null>>>>;

export interface TargetCheck {
  target: string;
  concord: number | null;
  reference: number | null;
  ratio: number | null;
  met: boolean | null;
}

const ratio = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? null : round2(a / b));
const minOf = (xs: Array<number | null | undefined>) => {
  const ys = xs.filter((x): x is number => typeof x === 'number');
  return ys.length ? Math.min(...ys) : null;
};

/**
 * Issue 19, item 1 (replacing issue 9's "p99 <= 1.2x the in-memory anchor", which asked a server
 * that commits before it broadcasts to beat servers that never wait for a disk) and issue 9's
 * other targets, as ratios from medians of the same run.
 */
export function checkTargets(m: Medians, crashLost: number | null): TargetCheck[] {
  const fig = (s: string, k: ServerKind, key: string) => m[s]?.[k]?.[key] ?? null;
  const out: TargetCheck[] = [];
  for (const s of ['S1', 'S2'] as const) {
    // The floor at this scenario's spacing of commits (bench/scenarios/commitFloor.ts); a run
    // from before that split has only the back-to-back figure.
    const floorP99 = fig('floor', 'concord', `${s.toLowerCase()}CommitP99Ms`) ?? fig('floor', 'concord', 'commitP99Ms');
    const lossFree = fig(s, 'concord', 'losses') === 0;
    {
      const c = fig(s, 'concord', 'serverCpuMsPerChange');
      const ref = fig(s, 'y-websocket', 'serverCpuMsPerChange');
      const r = ratio(c, ref);
      out.push({ target: `${s} server CPU per change <= 1.2x the y-websocket server's`, concord: c, reference: ref, ratio: r, met: r === null ? null : r <= 1.2 });
    }
    const anchor = minOf([fig(s, 'hocuspocus', 'p99Ms'), fig(s, 'y-websocket', 'p99Ms')]);
    {
      const c = fig(s, 'concord-tmpfs', 'p99Ms');
      const r = ratio(c, anchor);
      out.push({ target: `${s} concord-tmpfs (no disk) p99 <= 1.1x the faster in-memory anchor`, concord: c, reference: anchor, ratio: r, met: r === null ? null : r <= 1.1 });
    }
    const c = fig(s, 'concord', 'p99Ms');
    {
      const ref = anchor === null || floorP99 === null ? null : round2(anchor + floorP99);
      const r = ratio(c, ref);
      out.push({ target: `${s} p99 <= faster in-memory anchor p99 + one flushed commit p99 at ${s}'s spacing (${floorP99 ?? '-'} ms), zero loss`, concord: c, reference: ref, ratio: r, met: r === null ? null : r <= 1 && lossFree });
    }
    {
      const ref = minOf([fig(s, 'hocuspocus-sqlite', 'p99Ms'), fig(s, 'y-websocket-leveldb', 'p99Ms')]);
      const r = ratio(c, ref);
      out.push({ target: `${s} p99 ahead of both durable references (Hocuspocus+SQLite debounce 0, y-websocket+LevelDB)`, concord: c, reference: ref, ratio: r, met: r === null ? null : r < 1 });
    }
  }
  {
    const c = fig('S4', 'concord', 'syncMs');
    const ref = fig('S4', 'hocuspocus-sqlite', 'syncMs');
    const r = ratio(c, ref);
    out.push({ target: 'S4 cold load no slower than the persistent anchor (Hocuspocus+SQLite)', concord: c, reference: ref, ratio: r, met: r === null ? null : r <= 1 });
    const warm = minOf([fig('S4', 'hocuspocus', 'syncMs'), fig('S4', 'y-websocket', 'syncMs')]);
    const rw = ratio(c, warm);
    out.push({ target: 'S4 cold load vs the in-memory anchors (warm: already in memory)', concord: c, reference: warm, ratio: rw, met: rw === null ? null : rw <= 1 });
  }
  {
    const c = fig('S3', 'concord', 'rssPerConnectionKb');
    const ref = minOf([fig('S3', 'hocuspocus', 'rssPerConnectionKb'), fig('S3', 'hocuspocus-sqlite', 'rssPerConnectionKb'), fig('S3', 'y-websocket', 'rssPerConnectionKb')]);
    const r = ratio(c, ref);
    out.push({ target: 'S3 RSS per idle connection <= 1.5x the leanest anchor', concord: c, reference: ref, ratio: r, met: r === null ? null : r <= 1.5 });
  }
  out.push({ target: 'crash: Concord keeps every update any client received (worst round)', concord: crashLost, reference: 0, ratio: null, met: crashLost === null ? null : crashLost === 0 });
  return out;
}
