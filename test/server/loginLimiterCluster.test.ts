import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITER_FAILED_RETRY_S, SWEEP_BATCH, SWEEP_INTERVAL_MS } from '../../server/auth/loginLimiter';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP, LOGIN_WINDOW_MS } from '../../server/auth/rateLimiter';
import { createUser } from '../../server/commands/accounts/accounts';
import { type Services, createServices } from '../../server/services';
import { type TestEnv, preparedTestEnv } from '../helpers/env';
import { apiFor } from '../helpers/http';
import { logSink } from '../hardening/logSink';

const ANA = { email: 'ana@example.org', password: 'ana-password' };
/** The client's address as nginx appends it (TRUST_PROXY=1), so the per-address key is a real one. */
const ADDRESS = '203.0.113.7';
const hex = (s: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(s)));

interface Node {
  s: Services;
  sink: ReturnType<typeof logSink>;
  login: (email: string, password: string) => Promise<{ status: number; retryAfter: number | null }>;
}

/**
 * `count` Services on one database, as `concord serve` nodes would be: each its own pool and
 * in-memory limiters, one clock the test moves. On SQLite only one process may own the file.
 */
async function startNodes(env: TestEnv, count: number, clock: { now: number }): Promise<Node[]> {
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    const sink = logSink();
    const s = await createServices(env.config, { ...env.options, log: sink.log, now: () => clock.now });
    const { client } = apiFor(s);
    const login = async (email: string, password: string) => {
      const r = await client().post('/api/auth/login', { email, password }, { 'x-forwarded-for': ADDRESS });
      const retry = r.headers.get('retry-after');
      return { status: r.status, retryAfter: retry === null ? null : Number(retry) };
    };
    nodes.push({ s, sink, login });
  }
  return nodes;
}

async function statuses(node: Node, n: number, email = ANA.email, password = 'wrong-password'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await node.login(email, password)).status);
  return out;
}

const times = (n: number, status: number) => Array.from({ length: n }, () => status);

async function storedWindows(s: Services) {
  return s.db.selectFrom('login_attempts').select(['kind', 'key', 'window_start', 'attempts']).orderBy('kind').orderBy('key').execute();
}

/**
 * Inside a describe: `start()` opens `count` nodes (Services) on one fresh database, with Ana's
 * account and a clock the test moves; they are closed after each test.
 */
function nodesOn(dialect: 'sqlite' | 'postgres', count: number) {
  let env: TestEnv | null = null;
  let nodes: Node[] = [];
  const clock = { now: 1_700_000_000_000 };
  afterEach(async () => {
    for (const n of nodes.splice(0)) await n.s.close();
    await env?.cleanup();
    env = null;
  });
  return {
    clock,
    async start(): Promise<Node[]> {
      clock.now = 1_700_000_000_000;
      env = await preparedTestEnv(dialect, { TRUST_PROXY: '1' });
      nodes = await startNodes(env, count, clock);
      await createUser(nodes[0]!.s, { ...ANA, name: 'Ana', isAdmin: false });
      return nodes;
    },
  };
}

describe('login limits on SQLite (one process)', () => {
  const { clock, start: startAll } = nodesOn('sqlite', 1);
  const start = async () => (await startAll())[0]!;

  it('refuses the 11th and 12th wrong attempt on one account with 429 and counts nothing in the database', async () => {
    const a = await start();
    expect(await statuses(a, LOGIN_LIMIT_PER_ACCOUNT + 2)).toEqual([...times(LOGIN_LIMIT_PER_ACCOUNT, 401), 429, 429]);
    const refused = await a.login(ANA.email, ANA.password);
    expect(refused.status).toBe(429);
    // Refused attempts are not counted in memory: this is the 11th, due 1 s after the window began.
    expect(refused.retryAfter).toBe(1);
    expect(await storedWindows(a.s)).toEqual([]);
  });

  it('resets the account window on success and restarts it once the window has passed', async () => {
    const a = await start();
    expect(await statuses(a, LOGIN_LIMIT_PER_ACCOUNT - 1)).toEqual(times(LOGIN_LIMIT_PER_ACCOUNT - 1, 401));
    expect((await a.login(ANA.email, ANA.password)).status).toBe(200);
    expect(await statuses(a, LOGIN_LIMIT_PER_ACCOUNT + 1)).toEqual([...times(LOGIN_LIMIT_PER_ACCOUNT, 401), 429]);
    clock.now += LOGIN_WINDOW_MS;
    expect((await a.login(ANA.email, ANA.password)).status).toBe(200);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('login limits across two nodes on one PostgreSQL', () => {
  const { clock, start: startAll } = nodesOn('postgres', 2);
  const start = async (): Promise<[Node, Node]> => {
    const [a, b] = await startAll();
    return [a!, b!];
  };

  it('refuses the 11th and 12th wrong attempt on one account when 6 went to node A and 6 to node B', async () => {
    const [a, b] = await start();
    expect(await statuses(a, 6)).toEqual(times(6, 401));
    expect(await statuses(b, 6)).toEqual([...times(4, 401), 429, 429]);
    expect(b.sink.count('login_rate_limited')).toBe(2);
    // The right password does not get past the limit either, on either node; the shared count
    // holds the refused attempts too, so these are the 13th and 14th, due 7 s and 15 s in.
    const waits: Array<number | null> = [];
    for (const node of [a, b]) {
      const r = await node.login(ANA.email, ANA.password);
      expect(r.status).toBe(429);
      waits.push(r.retryAfter);
    }
    expect(waits).toEqual([7, 15]);
    // Stored under SHA-256 keys, never the plain email or address.
    const rows = await storedWindows(a.s);
    expect(rows.map((r) => [r.kind, r.key])).toEqual([
      ['account', hex(`${ANA.email}\n${ADDRESS}`)],
      ['ip', hex(ADDRESS)],
    ]);
    expect(JSON.stringify(rows)).not.toContain(ANA.email);
    expect(JSON.stringify(rows)).not.toContain(ADDRESS);
  });

  it('lets exactly the per-account limit through when both nodes are stormed in parallel', async () => {
    const [a, b] = await start();
    const all = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).login(ANA.email, 'wrong-password')));
    const count = (st: number) => all.filter((r) => r.status === st).length;
    expect(count(401)).toBe(LOGIN_LIMIT_PER_ACCOUNT);
    expect(count(429)).toBe(200 - LOGIN_LIMIT_PER_ACCOUNT);
  });

  it('caps one address spraying many accounts over both nodes at the per-address limit', async () => {
    const [a, b] = await start();
    // 30 per node: each node alone stays under the limit, only the shared counter can refuse.
    const half = (LOGIN_LIMIT_PER_IP + 10) / 2;
    const onA: number[] = [];
    const onB: number[] = [];
    for (let i = 0; i < half; i++) {
      onA.push((await a.login(`a${i}@example.org`, 'guess')).status);
      onB.push((await b.login(`b${i}@example.org`, 'guess')).status);
    }
    const all = [...onA, ...onB];
    expect(all.filter((st) => st === 401)).toHaveLength(LOGIN_LIMIT_PER_IP);
    expect(all.filter((st) => st === 429)).toHaveLength(10);
  });

  it('resets the shared account window when the right password is given on either node', async () => {
    const [a, b] = await start();
    expect(await statuses(a, 5)).toEqual(times(5, 401));
    expect(await statuses(b, 4)).toEqual(times(4, 401));
    expect((await a.login(ANA.email, ANA.password)).status).toBe(200);
    // Without the reset the second of these would already be the 11th attempt.
    expect(await statuses(b, 6)).toEqual(times(6, 401));
    expect(await statuses(a, 4)).toEqual(times(4, 401));
    expect(await statuses(a, 1)).toEqual([429]);
  });

  it('restarts an expired window and sweeps expired windows out of the table', async () => {
    const [a, b] = await start();
    await statuses(a, LOGIN_LIMIT_PER_ACCOUNT);
    await statuses(b, 1, 'x@example.org');
    await statuses(b, 1, 'y@example.org');
    expect((await b.login(ANA.email, ANA.password)).status).toBe(429);
    expect(await storedWindows(a.s)).toHaveLength(4); // three accounts, one address

    clock.now += LOGIN_WINDOW_MS + SWEEP_INTERVAL_MS;
    expect((await a.login('fresh@example.org', 'guess')).status).toBe(401);
    const rows = await storedWindows(a.s);
    expect(rows.map((r) => [r.kind, r.key, r.attempts])).toEqual([
      ['account', hex(`fresh@example.org\n${ADDRESS}`), 1],
      ['ip', hex(ADDRESS), 1],
    ]);
    expect(rows.every((r) => r.window_start === clock.now)).toBe(true);
    // The old window is gone on both levels: Ana may sign in again.
    expect((await b.login(ANA.email, ANA.password)).status).toBe(200);
  });

  it('deletes a backlog of expired windows a bounded batch per attempt until it has caught up', async () => {
    const [a] = await start();
    const backlog = 2 * SWEEP_BATCH + 500;
    const old = clock.now - 2 * LOGIN_WINDOW_MS;
    await a.s.db
      .insertInto('login_attempts')
      .values(Array.from({ length: backlog }, (_, i) => ({ kind: 'account', key: hex(`sprayed${i}@example.org`), window_start: old, attempts: 1 })))
      .execute();
    const expired = async () => (await storedWindows(a.s)).filter((r) => r.window_start === old).length;
    await a.login('one@example.org', 'guess');
    expect(await expired()).toBe(backlog - SWEEP_BATCH);
    await a.login('two@example.org', 'guess');
    expect(await expired()).toBe(backlog - 2 * SWEEP_BATCH);
    await a.login('three@example.org', 'guess');
    expect(await expired()).toBe(0);
  });

  it('refuses the login with 429 and logs it when the shared counter fails (fail closed)', async () => {
    const [a] = await start();
    await sql`drop table login_attempts`.execute(a.s.db);
    const r = await a.login(ANA.email, ANA.password);
    expect(r.status).toBe(429);
    expect(r.retryAfter).toBe(LIMITER_FAILED_RETRY_S);
    expect(a.sink.count('login_limiter_failed', (e) => e.level === 'error' && e.kind === 'ip')).toBe(1);
  });
});
