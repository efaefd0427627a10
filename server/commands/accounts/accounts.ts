import { AppError, conflict } from '../../errors';
import type { Database } from '../../store/database';
import { deleteSetupTokens } from '../../store/setupTokens';
import { alreadySetUp, requireSetupToken } from './setupToken';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { createSession } from '../../auth/sessions';
import { newId } from '../../ids';
import type { Services } from '../../services';
import { deleteSession, deleteUserSessions } from '../../store/sessions';
import { type User, countUsers, findPasswordHash, findUserByEmail, insertUser, normaliseEmail, updatePasswordHash } from '../../store/users';
import type { Actor } from '../access/actor';

export interface SignedIn {
  user: User;
  token: string;
  expiresAt: number;
}

/**
 * Creates the first account, an admin, on an empty instance only, for the holder of a setup token
 * (setupToken.ts). Attempts count against the address's sign-in limit, so the token cannot be
 * guessed online. The token is checked before the password is hashed and again in the
 * transaction that creates the account and deletes every token, so it works once.
 */
export async function setupInstance(s: Services, input: { email: string; name: string; password: string; setupToken?: string | undefined; ip: string }): Promise<SignedIn> {
  const now = s.now();
  await limitAttempts(s, input.ip, null, now);
  const check = async (db: Database) => {
    if ((await countUsers(db)) > 0) throw alreadySetUp();
    await requireSetupToken(db, input.setupToken, now);
  };
  await check(s.db);
  const passwordHash = await hashPassword(input.password);
  const user = await s.db.transaction().execute(async (trx) => {
    await check(trx);
    await deleteSetupTokens(trx);
    return insertUser(trx, { id: newId(), email: input.email, name: input.name, passwordHash, isAdmin: true, now });
  });
  const { token, session } = await createSession(s.db, user.id, now);
  s.log.info('instance_setup', { userId: user.id });
  return { user, token, expiresAt: session.expiresAt };
}

export async function createUser(s: Services, input: { email: string; name: string; password: string; isAdmin: boolean }): Promise<User> {
  if (await findUserByEmail(s.db, input.email)) throw conflict(`an account for ${normaliseEmail(input.email)} exists already`);
  const passwordHash = await hashPassword(input.password);
  return insertUser(s.db, { id: newId(), email: input.email, name: input.name, passwordHash, isAdmin: input.isAdmin, now: s.now() });
}

export async function login(s: Services, input: { email: string; password: string; ip: string }): Promise<SignedIn> {
  const now = s.now();
  // The account's limit counts the attempts on it from this address only (issue 14 item 10): a
  // guesser elsewhere uses up their own attempts, never the real user's, so they cannot lock a
  // user out by failing on purpose. Guessing one account from many addresses is still bounded by
  // each address's own limit across all accounts (loginByIp).
  const accountKey = `${normaliseEmail(input.email)}\n${input.ip}`;
  await limitAttempts(s, input.ip, accountKey, now);
  const found = await findUserByEmail(s.db, input.email);
  // Verify against a dummy hash for unknown accounts so timing does not reveal which exist.
  const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash()), input.password);
  if (!found || !ok) throw new AppError('unauthenticated', 'wrong email or password');
  await s.loginByAccount.reset(accountKey);
  const { token, session } = await createSession(s.db, found.id, now);
  const { passwordHash: _omit, ...user } = found;
  return { user, token, expiresAt: session.expiresAt };
}

/**
 * Counts an attempt against the address's limit and, for a sign-in, the account's; throws 429
 * when it comes too early. Both are counted before any secret is checked: first in this process
 * before any await, so a parallel burst stops here; then, on several nodes, in the counter they
 * share. The address first both times: an address over its limit does not get to use up an
 * account's attempts (the shared count is the one that decides across nodes).
 */
async function limitAttempts(s: Services, ip: string, accountKey: string | null, now: number): Promise<void> {
  const waitIp = s.loginByIp.take(ip, now);
  const waitAccount = waitIp || accountKey === null ? 0 : s.loginByAccount.take(accountKey, now);
  let wait = waitIp || waitAccount;
  if (!wait) wait = await s.loginByIp.confirm(ip, now);
  if (!wait && accountKey !== null) wait = await s.loginByAccount.confirm(accountKey, now);
  if (wait) {
    s.log.warn('login_rate_limited', { ip });
    throw new AppError('rate_limited', `too many sign-in attempts; try again in ${wait} s`, { retryAfterSeconds: wait }, { 'Retry-After': String(wait) });
  }
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword('not a real password, only for timing'));

export async function logout(s: Services, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  await deleteSession(s.db, actor.sessionId);
  s.rights.emit({ kind: 'session', sessionId: actor.sessionId });
}

/** Changes the password and invalidates every other session of the user. */
export async function changePassword(s: Services, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const hash = await findPasswordHash(s.db, actor.user.id);
  if (!hash || !(await verifyPassword(hash, input.currentPassword))) throw new AppError('forbidden', 'the current password is wrong');
  const next = await hashPassword(input.newPassword);
  await s.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, actor.user.id, next);
    await deleteUserSessions(trx, actor.user.id, actor.sessionId ?? undefined);
  });
  s.rights.emit({ kind: 'user', userId: actor.user.id });
}
