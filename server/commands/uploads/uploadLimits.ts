/**
 * Limits of the upload parser (commands/uploads/UploadParser.ts). Parsing runs in a worker
 * thread so that no upload blocks the event loop (issue 14 item 2: a crafted .docx blocked it for
 * over a minute, then exhausted the heap); these bound what that worker may take.
 */

/**
 * Heap of the parsing worker. Threat: a file whose parse tree is far larger than the file (a
 * .docx or .qde with millions of tiny elements). Reaching it ends the worker, not the server,
 * and the upload is refused with `upload_memory_limit`.
 */
export const UPLOAD_WORKER_HEAP_MB = 512;

/** Longest parse of one upload before the worker is ended and the upload refused (`upload_time_limit`). */
export const UPLOAD_PARSE_TIMEOUT_MS = 30_000;

/**
 * Uploads waiting for the worker. Threat: a client posting files faster than they parse, each
 * held in memory while it waits; beyond this the server answers 429.
 */
export const UPLOAD_QUEUE_MAX = 16;

/** An idle worker is ended after this long (it is started again by the next upload). */
export const UPLOAD_WORKER_IDLE_MS = 60_000;
