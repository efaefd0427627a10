/**
 * What the collaboration layer needs from a WebSocket (interface first, house style rule 2):
 * `ws` implements it in production, and nothing else in server/collab depends on `ws`.
 */
export interface SocketLike {
  /** Sends one binary message. */
  send(data: Uint8Array): void;
  /** Closes with an application close code (shared/protocol.ts CloseCode). */
  close(code: number, reason: string): void;
  /** Bytes accepted by `send` but not yet written to the network (back-pressure). */
  readonly bufferedAmount: number;
}
