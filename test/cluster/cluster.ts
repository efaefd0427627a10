import pg from 'pg';
import { afterEach } from 'vitest';
import { createServices } from '../../server/services';
import type { RunningServer } from '../../server/server';
import { type TestEnv, preparedTestEnv } from '../helpers/env';
import { type StudyFixture, type TestClient, seedStudy } from '../helpers/collab';
import { type ChildServer, startChildServer } from '../collab/childServer';

/** The PostgreSQL the multi-node suites run on; they are skipped without it. */
export const PG_URL = process.env.TEST_DATABASE_URL;

/** One Concord node: a separate `concord serve`-like child process on its own port. */
export type Node = ChildServer & { server: RunningServer };

export interface Cluster {
  env: TestEnv;
  f: StudyFixture;
  nodes: Node[];
  /** Starts one more node on the same database (and schema). */
  start: (extraEnv?: Record<string, string>) => Promise<Node>;
  /** SIGKILLs every node still running and drops the schema. */
  close: () => Promise<void>;
}

/**
 * A study seeded through the API in this process, then `count` nodes in child processes sharing
 * its PostgreSQL schema (each test its own schema).
 */
export async function startCluster(count: number, codingMode: 'open' | 'blind' = 'open', extraEnv: Record<string, string> = {}): Promise<Cluster> {
  const env = await preparedTestEnv('postgres');
  const s = await createServices(env.config, env.options);
  const f = await seedStudy(s, codingMode);
  await s.close();
  const childEnv = { DATA_DIR: env.dataDir, DATABASE_URL: env.config.databaseUrl!, CONCORD_PG_SCHEMA: env.options.pgSchema!, ...extraEnv };
  const nodes: Node[] = [];
  const start = async (more: Record<string, string> = {}) => {
    const node = (await startChildServer({ ...childEnv, ...more })) as Node;
    nodes.push(node);
    return node;
  };
  for (let i = 0; i < count; i++) await start();
  return {
    env,
    f,
    nodes,
    start,
    close: async () => {
      for (const n of nodes) n.child.kill('SIGKILL');
      await Promise.all(nodes.map((n) => n.exited));
      await env.cleanup();
    },
  };
}

/**
 * Inside a describe: `startCluster` as above, remembered so that after each test the clients the
 * test pushed to `clients` are destroyed and the cluster is closed.
 */
export function clusterPerTest() {
  let current: Cluster | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await current?.close();
    current = null;
  });
  return {
    clients,
    startCluster: async (...args: Parameters<typeof startCluster>) => (current = await startCluster(...args)),
  };
}

/** A REST call to one node, as that node's own page would make it (same-origin Origin). */
export async function nodeApi(node: Node, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${node.server.url}${path}`, {
    method,
    headers: { cookie, origin: node.server.url, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/** Runs one statement on the test database (outside any node). */
export async function pgQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
