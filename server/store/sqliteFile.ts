import SQLite from 'better-sqlite3-multiple-ciphers';

/**
 * Every SQLite file Concord opens (the database, backups, restore's staging copy) is opened here,
 * so an encrypted database is keyed the same way everywhere (docs/deploy.md, "Encryption at
 * rest"). The cipher is SQLite3 Multiple Ciphers' default (ChaCha20-Poly1305, the key derived
 * from the passphrase); a `VACUUM INTO` copy of an encrypted database is encrypted with the same key.
 */
export class DatabaseKeyError extends Error {}

export function openSqliteFile(file: string, key: string | undefined, options: SQLite.Options = {}): SQLite.Database {
  const db = new SQLite(file, options);
  try {
    if (key !== undefined) db.key(Buffer.from(key, 'utf8'));
    // The first read decrypts page 1: a missing or wrong key fails here, not in a later query.
    db.prepare('select count(*) from sqlite_master').get();
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code !== 'SQLITE_NOTADB') throw e;
    throw new DatabaseKeyError(
      key === undefined
        ? `${file} cannot be read: it is encrypted (set CONCORD_DB_KEY or CONCORD_DB_KEY_FILE) or it is not a SQLite database`
        : `${file} cannot be read with the configured key: the key is wrong, or the file is not encrypted (docs/deploy.md, "Encryption at rest", says how to encrypt an existing database)`,
    );
  }
  return db;
}
