import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../store/database';
import { deleteSession, extendSession, findSession, insertSession } from '../store/sessions';
import { type User, findUserById } from '../store/users';
import { newToken } from '../ids';

// Sessions as the Lucia guide designs them: the cookie holds a random token, the database only
// its SHA-256, so a leaked database cannot be replayed as cookies.
export const SESSION_COOKIE = 'concord_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry: a session used in its second half is extended to a full TTL again. */
const RENEW_WITHIN_MS = SESSION_TTL_MS / 2;

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
}

/** The SHA-256 of a bearer token, hex: what the database keeps instead of it (sessions, setup tokens). */
export const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
export const sessionIdOf = hashToken;

export async function createSession(db: Database, userId: string, now: number): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const session = { id: sessionIdOf(token), userId, expiresAt: now + SESSION_TTL_MS };
  await insertSession(db, { ...session, createdAt: now });
  return { token, session };
}

/** The session and user for a cookie token, or null; renews or deletes as the guide says. */
export async function validateSessionToken(db: Database, token: string, now: number): Promise<{ session: Session; user: User } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const row = await findSession(db, sessionIdOf(token));
  if (!row) return null;
  if (now >= row.expiresAt) {
    await deleteSession(db, row.id);
    return null;
  }
  const user = await findUserById(db, row.userId);
  if (!user) return null;
  let expiresAt = row.expiresAt;
  if (now >= row.expiresAt - RENEW_WITHIN_MS) {
    expiresAt = now + SESSION_TTL_MS;
    await extendSession(db, row.id, expiresAt);
  }
  return { session: { id: row.id, userId: row.userId, expiresAt }, user };
}

export function sessionCookie(token: string, expiresAt: number, now: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Reads the session token from a Cookie header. */
export function tokenFromCookieHeader(header: string | undefined | null): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
