/**
 * Limits of the WebSocket door. Every buffer, queue and payload a client can grow is bounded;
 * each comment names the threat (house style rule 8). The document size limit lives with the
 * registry (server/ydocs/docLimits.ts) because REST changes are bounded by it too.
 */

/**
 * Largest message we parse, enforced on every frame (close 4413). Threat: a client making the
 * server buffer and decode arbitrarily large frames (memory exhaustion, event-loop stalls).
 */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

/**
 * Transport ceiling handed to `ws` (maxPayload): frames beyond it are refused by `ws` while
 * still arriving (close 1009), before they are buffered. Between MAX_FRAME_BYTES and this, we
 * answer 4413 ourselves so that y-websocket treats the refusal as final instead of retrying.
 */
export const TRANSPORT_MAX_PAYLOAD = 2 * MAX_FRAME_BYTES;

/**
 * Largest single Yjs update (SyncStep2 or Update) a client may send (close 4413). Threat: one
 * update inflating the document and every reader's download at once; an offline coder's
 * accumulated edits are far smaller.
 */
export const MAX_UPDATE_BYTES = 1024 * 1024;

/**
 * Messages held while a connection is being authorised or re-authorised (close 4413 beyond).
 * Threat: a client flooding the server while it waits for the database (Hocuspocus bounds its
 * pre-authentication queue for the same reason).
 */
export const MAX_PENDING_MESSAGES = 256;
export const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * Open connections per user across all documents (close 4429 beyond). Threat: one account
 * (or a stolen cookie) exhausting sockets and memory. A coder's tab holds about five documents.
 */
export const MAX_CONNECTIONS_PER_USER = 50;

/**
 * Largest awareness state (the JSON of one client's presence, close 4413 beyond). Threat:
 * awareness is relayed to every reader of a document, so a large state is amplified N times.
 */
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;

/**
 * Awareness client ids one connection may own. Each provider uses exactly one; the spare ones
 * cover a client that changed its id after a clientID collision.
 */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 4;

/**
 * Awareness updates relayed per connection: a token bucket of AWARENESS_BURST refilled at
 * AWARENESS_RATE_PER_SECOND. Beyond it updates are coalesced (only the newest state of each
 * client id is relayed when tokens return), never dropped for good. Threat: cursor floods
 * amplified to every reader of the document.
 */
export const AWARENESS_RATE_PER_SECOND = 20;
export const AWARENESS_BURST = 40;

/**
 * SyncStep1 requests answered per connection: a token bucket of SYNC_REQUEST_BURST refilled at
 * SYNC_REQUESTS_PER_SECOND. Beyond it requests are coalesced: only the newest state vector waits
 * for a token and gets its SyncStep2, so every request is still answered by a later, complete
 * answer. A provider sends one at connect (and on an optional resync timer, seconds apart).
 * Threat: each answer encodes the document's difference to the sender's state vector; a
 * connection repeating an empty state vector makes the server encode and send the whole
 * document (up to MAX_DOC_BYTES) again and again.
 */
export const SYNC_REQUESTS_PER_SECOND = 2;
export const SYNC_REQUEST_BURST = 10;

/**
 * Bytes queued towards one client before we give up on it (close 1013). Threat: a client that
 * stops reading makes the server buffer every broadcast for it without bound.
 */
export const MAX_SEND_BUFFER_BYTES = 16 * 1024 * 1024;

/** RFC 6455 "Try Again Later": used for the slow-reader disconnect (not final for clients). */
export const TRY_AGAIN_LATER = { code: 1013, reason: 'try-again-later' } as const;
