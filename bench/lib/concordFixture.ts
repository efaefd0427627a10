import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createSession } from '../../server/auth/sessions';
import { createStudy } from '../../server/commands/studies/studies';
import { parseConfig } from '../../server/config';
import { newId } from '../../server/ids';
import { createServices } from '../../server/services';
import { type NewDocUpdate, appendDocUpdates } from '../../server/store/docLog';
import { insertMember } from '../../server/store/members';
import { type User, insertUser } from '../../server/store/users';

/**
 * Accounts: Concord allows 50 connections per user (MAX_CONNECTIONS_PER_USER), and S3 holds
 * 2,000 at once, so clients are spread over 60 accounts, each a coder in every study.
 */
export const CONCORD_USERS = 60;
export const CONCORD_DOCS = 200;

export interface ConcordFixture {
  /** A data directory to copy for each run (never served itself). */
  templateDir: string;
  cookies: string[];
  userIds: string[];
  /** `studies/<sid>/codebook` of each study: codebook phase open, so coders write. */
  docNames: string[];
}

async function openQuietly(dataDir: string) {
  const s = await createServices(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  // Seeding only: no fsync per row on this connection (the served database keeps FULL).
  await sql`PRAGMA synchronous = OFF`.execute(s.db);
  return s;
}

/**
 * Builds the accounts, sessions, studies and memberships once, through the server's own store
 * and commands (no password hashing: the benchmark signs in by session cookie).
 */
export async function buildConcordFixture(): Promise<ConcordFixture> {
  const templateDir = mkdtempSync(join(tmpdir(), 'concord-bench-template-'));
  const s = await openQuietly(templateDir);
  const now = Date.now();
  const users: User[] = [];
  const cookies: string[] = [];
  for (let i = 0; i < CONCORD_USERS; i++) {
    const user = await insertUser(s.db, { id: newId(), email: `u${i}@bench.example`, name: `User ${i}`, passwordHash: 'not-a-hash', isAdmin: false, now });
    const { token } = await createSession(s.db, user.id, now);
    users.push(user);
    cookies.push(`concord_session=${token}`);
  }
  const lead = users[0]!;
  const docNames: string[] = [];
  for (let d = 0; d < CONCORD_DOCS; d++) {
    const study = await createStudy(s, { user: lead, sessionId: null }, { title: `Bench ${d}`, codingMode: 'open' });
    await s.db.transaction().execute(async (trx) => {
      for (const u of users.slice(1)) await insertMember(trx, { studyId: study.id, userId: u.id, role: 'coder', now });
    });
    docNames.push(`studies/${study.id}/codebook`);
  }
  await s.close();
  return { templateDir, cookies, userIds: users.map((u) => u.id), docNames };
}

/** A fresh data directory for one run: a copy of the template (under `parent`, default the temp dir). */
export function copyFixture(f: ConcordFixture, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'concord-bench-run-'));
  cpSync(f.templateDir, dir, { recursive: true });
  return dir;
}

/** Appends authored updates to a document's log in a (not yet served) data directory. */
export async function appendToLog(dataDir: string, rows: NewDocUpdate[]): Promise<void> {
  const s = await openQuietly(dataDir);
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    await s.db.transaction().execute((trx) => appendDocUpdates(trx, slice));
  }
  await s.close();
}
