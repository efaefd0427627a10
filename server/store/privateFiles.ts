import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

/**
 * File modes for everything that holds study data (DESIGN.md section 9: "Files are 0600 in a
 * 0700 folder"): the database, its -wal and -shm, backups and the copies a restore keeps. The
 * threat is another account on the same machine reading participants' words; the decision is
 * kept here so that every writer of such a file asks the same function.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates Concord's own folder (and its parents) or tightens it to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates a folder that does not exist yet as 0700; an existing folder (the operator's choice,
 * such as where a backup goes) is left as it is.
 */
export function ensureNewDirPrivate(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates an empty file as 0600 (it must not exist), for SQLite to fill: SQLite creates new
 * database files as 0644 less the umask, but accepts an empty file as a new database, and it
 * gives a database's -wal and -shm the mode of the database file itself.
 */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
}

/** Tightens existing files to 0600 (a database and its -wal/-shm written by an older version). */
export function makePrivate(...paths: string[]): void {
  for (const p of paths) if (existsSync(p)) chmodSync(p, PRIVATE_FILE_MODE);
}

/** Makes a rename or a new file in `dir` durable (the directory entry itself is flushed). */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a file that holds study data (a CLI export, a subject-access archive) as 0600: a new
 * file is created so, an existing one is tightened before it is overwritten.
 */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  makePrivate(path);
  writeFileSync(path, data, { mode: PRIVATE_FILE_MODE });
}
