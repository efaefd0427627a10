/**
 * Limits and tunables of the document registry. Each bound names the threat it answers
 * (house style rule 8).
 */

/**
 * Largest encoded state of one document. Threat: a writer (or a bug) growing a document without
 * bound until loading, snapshotting or syncing it exhausts server memory and every reader's
 * bandwidth. A transcript layer with 10,000 codings is well under 2 MiB.
 */
export const MAX_DOC_BYTES = 8 * 1024 * 1024;

/**
 * Write a snapshot after this many logged updates, so that a cold load replays one snapshot plus
 * a short tail instead of the whole history (the 10,000-update doc must load in < 50 ms).
 */
export const COMPACT_AFTER_UPDATES = 500;

/**
 * Also write a snapshot once the updates logged since the last one hold this many bytes, whatever
 * their number: a few large updates (a pasted transcript, a bulk import through withDoc) would
 * otherwise leave a tail that takes long to read and replay on every cold load while staying
 * under the row threshold. 512 KiB is about 2,500 typical single-coding updates, so documents
 * written by clients reach the row threshold first.
 */
export const COMPACT_AFTER_BYTES = 512 * 1024;

/** Also compact when an idle document unloads with at least this many updates since its snapshot. */
export const COMPACT_ON_UNLOAD_MIN_UPDATES = 50;

/**
 * How long a document with no connections stays in memory after its last write committed.
 * Reconnects (4205 re-authorisation, network blips) then find it loaded instead of reloading.
 */
export const DOC_IDLE_UNLOAD_MS = 10_000;

/**
 * How long after a deletion in a coder's layer (a note or coding removed or rewritten) its
 * update log is rewritten from the current state (docs/privacy.md), so the deleted text leaves
 * the database files. Deletions within the delay are rewritten together; a document unloading
 * or the server closing rewrites at once.
 */
export const HISTORY_REWRITE_DELAY_MS = 5_000;
