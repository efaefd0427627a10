import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The two wire formats the benchmark speaks: one client implementation per format. */
export type WireFormat = 'y-websocket' | 'hocuspocus';

/** Where one benchmark client connects. */
export interface ClientTarget {
  wire: WireFormat;
  /** Full WebSocket URL (y-websocket: the document's URL; hocuspocus: the server's). */
  url: string;
  docName: string;
  headers: Record<string, string>;
}

/** y-websocket message types (y-protocols), plus the ones Hocuspocus adds to the same numbering. */
export const Msg = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SyncReply: 4, SyncStatus: 8 } as const;

/** Hocuspocus auth sub-messages (its `AuthMessageType`). */
export const HocuspocusAuth = { Token: 0, PermissionDenied: 1, Authenticated: 2 } as const;

/**
 * Framing: y-websocket messages are `[type][payload]`; Hocuspocus prefixes every message with the
 * document name (one socket can multiplex documents) and refuses traffic until an Auth token.
 */
export interface Framing {
  /** A fresh encoder with the per-message prefix already written. */
  encoder(): encoding.Encoder;
  /** Reads the prefix of an incoming message; false when it belongs to another document. */
  accept(decoder: decoding.Decoder): boolean;
  /** Bytes of the prefix, to tell an empty reply from a real one. */
  prefixLength: number;
}

export function framingFor(target: ClientTarget): Framing {
  if (target.wire === 'y-websocket') {
    return { encoder: () => encoding.createEncoder(), accept: () => true, prefixLength: 0 };
  }
  const name = target.docName;
  const probe = encoding.createEncoder();
  encoding.writeVarString(probe, name);
  const prefixLength = encoding.length(probe);
  return {
    encoder: () => {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, name);
      return e;
    },
    accept: (d) => decoding.readVarString(d) === name,
    prefixLength,
  };
}
