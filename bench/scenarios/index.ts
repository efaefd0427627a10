import type { ServerKind } from '../lib/BenchServer';
import { PERSISTENT } from '../lib/BenchServer';
import { coldLoad } from './coldLoad';
import { commitFloor } from './commitFloor';
import type { Figures, RunContext } from './context';
import { crash } from './crash';
import { type FanOutShape, fanOut } from './fanOut';
import { idle } from './idle';
import { joinStorm } from './joinStorm';

export interface Scenario {
  id: string;
  title: string;
  /** The figures the short table shows. */
  columns: string[];
  /** Servers it applies to (crash: only those that persist). */
  applies: (kind: ServerKind) => boolean;
  run: (ctx: RunContext, kind: ServerKind) => Promise<Figures>;
}

const all = () => true;

const S1_SHAPE: FanOutShape = { docs: 1, clients: 10, active: 2, rate: 20, kind: 'items' };
const S2_SHAPE: FanOutShape = { docs: 50, clients: 5, active: 1, rate: 10, kind: 'items' };
/** How far apart a scenario's changes arrive, all documents together: its commits' spacing when each holds one. */
const changeSpacingMs = (s: FanOutShape) => 1000 / (s.docs * s.active * s.rate);

/** The scenarios of issue 9, item 2, plus the crash comparison of item 4. */
export const SCENARIOS: Scenario[] = [
  {
    id: 'floor',
    title: `one flushed commit of a small row on the data folder (WAL, synchronous=FULL): the floor of commit-before-broadcast, back to back and spaced as S1 (${changeSpacingMs(S1_SHAPE)} ms) and S2 (${changeSpacingMs(S2_SHAPE)} ms) space their commits`,
    columns: ['commitP50Ms', 'commitP99Ms', 'commitCpuMs', 's1CommitP99Ms', 's1CommitCpuMs', 's2CommitP99Ms', 's2CommitCpuMs'],
    applies: (k) => k === 'concord',
    run: async () => commitFloor({ s1: changeSpacingMs(S1_SHAPE), s2: changeSpacingMs(S2_SHAPE) }),
  },
  {
    id: 'S1',
    title: '1 doc x 10 clients, 2 writers at 20 updates/s',
    columns: ['p50Ms', 'p99Ms', 'deliveriesPerSecond', 'losses', 'serverCpuMsPerChange', 'serverRssMb'],
    applies: all,
    run: (ctx, k) => fanOut(ctx, k, S1_SHAPE),
  },
  {
    id: 'S2',
    title: '50 docs x 5 clients, 1 writer each at 10 updates/s',
    columns: ['p50Ms', 'p99Ms', 'deliveriesPerSecond', 'losses', 'serverCpuMsPerChange', 'serverRssMb'],
    applies: all,
    run: (ctx, k) => fanOut(ctx, k, S2_SHAPE),
  },
  {
    id: 'S3',
    title: '200 docs x 10 idle clients (connect + sync, RSS per connection)',
    columns: ['syncP50Ms', 'syncP99Ms', 'allSyncedMs', 'rssPerConnectionKb', 'serverRssMb', 'failed'],
    applies: all,
    run: (ctx, k) => idle(ctx, k),
  },
  {
    id: 'S4',
    title: 'cold load of a 10,000-update doc (time to synced)',
    columns: ['syncMs', 'compactedSyncMs', 'items', 'cold'],
    // The LevelDB reference has no loader for a seeded log here (y-leveldb writes behind its
    // server's back only through a client); its cold load is not part of issue 19's table.
    applies: (k) => k !== 'y-websocket-leveldb',
    run: (ctx, k) => coldLoad(ctx, k),
  },
  {
    id: 'S5',
    title: 'join storm: 100 clients join one 1 MB doc at once',
    columns: ['joinP50Ms', 'joinP99Ms', 'allSyncedMs', 'serverCpuSeconds', 'serverPeakRssMb', 'failed'],
    applies: all,
    run: (ctx, k) => joinStorm(ctx, k),
  },
  {
    id: 'S6',
    title: 'presence: 50 clients in one doc moving their selection at 5 Hz',
    columns: ['p50Ms', 'p99Ms', 'deliveriesPerSecond', 'losses', 'serverCpuMsPerChange', 'serverRssMb'],
    applies: all,
    run: (ctx, k) => fanOut(ctx, k, { docs: 1, clients: 50, active: 50, rate: 5, kind: 'presence' }),
  },
  {
    id: 'crash',
    title: 'crash: 1,000 updates, SIGKILL 100 ms after the last send, restart',
    columns: ['sent', 'receivedByObserver', 'kept', 'lostOfReceived'],
    applies: (k) => PERSISTENT.has(k),
    run: (ctx, k) => crash(ctx, k),
  },
];
