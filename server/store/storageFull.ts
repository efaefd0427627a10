/**
 * Whether a database error means the storage is full: SQLite's SQLITE_FULL (the file system is
 * full, or the database reached its max_page_count) or PostgreSQL's disk_full (SQLSTATE 53100).
 * The statement, and with it the caller's transaction, rolled back: nothing was changed.
 * A failed document commit carries the database's error as its `cause`.
 */
export function isStorageFull(err: unknown): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === '53100') return true;
  }
  return false;
}
