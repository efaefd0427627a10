import { hashToken } from '../../auth/sessions';
import { AppError, conflict } from '../../errors';
import { newToken } from '../../ids';
import type { Services } from '../../services';
import type { Database } from '../../store/database';
import { isSetupTokenValid, storeSetupToken } from '../../store/setupTokens';
import { countUsers } from '../../store/users';

/**
 * The one-time setup token (issue 14 item 14). Threat: before the first account exists, whoever
 * reaches the port first would become admin. So the first account needs a token only the
 * operator sees: printed on the server's console at start, or created with `concord setup-token`
 * (both need access to the machine, not just to the port). Only its SHA-256 is stored.
 */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export interface SetupToken {
  token: string;
  expiresAt: number;
}

/**
 * Creates a setup token while the instance has no account, or answers null once it has one.
 * `fixed`: the operator's own token (CONCORD_SETUP_TOKEN) instead of a random one. `replace`:
 * every earlier token stops working (the CLI); at server start the new one is added beside the
 * others, so that nodes starting together on one database each print a token that works.
 */
export async function issueSetupToken(s: Services, opts: { fixed?: string; replace: boolean }): Promise<SetupToken | null> {
  if ((await countUsers(s.db)) > 0) return null;
  const token = opts.fixed ?? newToken();
  const now = s.now();
  const expiresAt = now + SETUP_TOKEN_TTL_MS;
  await storeSetupToken(s.db, { hash: hashToken(token), createdAt: now, expiresAt }, opts.replace);
  return { token, expiresAt };
}

/** The refusal of a missing, wrong, expired or used token: the same answer for each, so it tells nothing. */
export const setupTokenRefused = () =>
  new AppError('setup_token_invalid', 'the setup token is missing, wrong, expired or used: enter the one the server printed when it started, or run "concord setup-token" on the server for a new one');

/** Refuses unless `token` is a stored, unexpired setup token (the setup deletes them all when it commits). */
export async function requireSetupToken(trx: Database, token: string | undefined, now: number): Promise<void> {
  if (!token || !(await isSetupTokenValid(trx, hashToken(token), now))) throw setupTokenRefused();
}

/** The answer to a setup (or a setup token) asked for on an instance that has an account. */
export const alreadySetUp = () => conflict('this instance is already set up; sign in instead');
