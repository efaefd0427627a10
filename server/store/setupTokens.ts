import type { Database } from './database';

/** One-time setup tokens, by their SHA-256 (migrations/0020_a_setup_tokens.ts). */

/** Adds a token; `replace` first deletes every other one (the CLI's fresh token). Expired ones go either way. */
export async function storeSetupToken(db: Database, t: { hash: string; createdAt: number; expiresAt: number }, replace: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let stale = trx.deleteFrom('setup_tokens');
    if (!replace) stale = stale.where((eb) => eb.or([eb('expires_at', '<=', t.createdAt), eb('token_hash', '=', t.hash)]));
    await stale.execute();
    await trx.insertInto('setup_tokens').values({ token_hash: t.hash, created_at: t.createdAt, expires_at: t.expiresAt }).execute();
  });
}

/** True when a token with this hash is stored and not expired at `now`. */
export async function isSetupTokenValid(db: Database, hash: string, now: number): Promise<boolean> {
  const row = await db.selectFrom('setup_tokens').select('token_hash').where('token_hash', '=', hash).where('expires_at', '>', now).executeTakeFirst();
  return row !== undefined;
}

/** Deletes every token: the first account exists, none is needed any more. */
export async function deleteSetupTokens(db: Database): Promise<void> {
  await db.deleteFrom('setup_tokens').execute();
}
