/**
 * Wire constants of the collaboration protocol (house style rule 5). The message types
 * 0-3 are the standard y-websocket ones, so the stock WebsocketProvider is a valid client.
 */
export const MessageType = {
  /** y-protocols sync: SyncStep1, SyncStep2, Update. */
  Sync: 0,
  /** y-protocols awareness update. */
  Awareness: 1,
  /** y-websocket's auth message (permission denied); unused by Concord, which closes instead. */
  Auth: 2,
  /** Ask the server to send every awareness state it knows. */
  QueryAwareness: 3,
  /**
   * Concord extension, sent only to connections opened with `?persisted=1`: the encoded state
   * vector that is now durable in the update log. A client shows "saved" when its own state
   * vector is covered by it.
   */
  Persisted: 100,
} as const;
export type MessageTypeValue = (typeof MessageType)[keyof typeof MessageType];

/** WebSocket close codes. 4205 invites a reconnect; 4401/4403/4404 are final. */
export const CloseCode = {
  /** The connection's rights changed (role, phase, mode, logout): reconnect and be re-authorised. */
  AuthorizationChanged: { code: 4205, reason: 'authorization-changed' },
  /** A frame that is not a well-formed y-protocol message. */
  Malformed: { code: 4400, reason: 'malformed-message' },
  /** No valid session. */
  Unauthenticated: { code: 4401, reason: 'unauthenticated' },
  /** The session's user may not open this document. */
  Forbidden: { code: 4403, reason: 'forbidden' },
  /** Not a document name Concord knows, or the document's study/transcript does not exist. */
  UnknownDocument: { code: 4404, reason: 'unknown-document' },
  /** A frame, update, awareness state or the document itself exceeds its limit. */
  TooLarge: { code: 4413, reason: 'too-large' },
  /** Too many connections for this user, or an awareness flood. */
  RateLimited: { code: 4429, reason: 'rate-limited' },
  /** The document could not be loaded; nothing was stored. */
  LoadFailed: { code: 4500, reason: 'load-failed' },
} as const;
export type CloseReason = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client must not reconnect on its own. */
export const FINAL_CLOSE_CODES: readonly number[] = [
  CloseCode.Unauthenticated.code,
  CloseCode.Forbidden.code,
  CloseCode.UnknownDocument.code,
];
