import type { ClientTarget } from './wire';

/** What a load client does once started. */
export type Role =
  | { kind: 'idle' }
  /** Pushes one timestamped item into the shared array per tick; stops after `limit` if given. */
  | { kind: 'writer'; rate: number; limit?: number }
  /** Moves its selection (an awareness state) per tick. */
  | { kind: 'mover'; rate: number };

export interface ClientSpec {
  id: number;
  target: ClientTarget;
  role: Role;
}

/** Requests from the coordinator to a load worker (child process IPC). */
export type WorkerRequest =
  | { op: 'open'; clients: ClientSpec[] }
  | { op: 'start' }
  | { op: 'stop' }
  /** Forgets what was counted so far (after a warm-up): counts, latencies, bytes and messages in. */
  | { op: 'resetCounts' }
  | { op: 'counts' }
  | { op: 'report' }
  | { op: 'items'; id: number }
  | { op: 'seedText'; id: number; bytes: number; chunk: number }
  | { op: 'seedThemes'; id: number; count: number }
  | { op: 'size'; id: number; kind: 'text' | 'array'; name: string }
  | { op: 'closeAll' }
  | { op: 'exit' };

export interface OpenResult {
  /** Per client: ms from starting to connect until synced. */
  syncMs: number[];
  failed: number;
  errors: string[];
}

export interface Counts {
  /** Items written per document. */
  writes: Record<string, number>;
  /** Awareness moves sent per document. */
  moves: Record<string, number>;
  /** Items received from other clients, per document. */
  delivered: Record<string, number>;
  /** Awareness states received from other clients, per document. */
  awarenessDelivered: Record<string, number>;
  /** Bytes and messages all clients received from the server ("all" key). */
  bytesIn: Record<string, number>;
  messagesIn: Record<string, number>;
}

export interface Report extends Counts {
  /** Fan-out latency of every delivery, ms. */
  latencyMs: number[];
  /** Latency of the first delivery of each item in this worker (server path), keyed by item. */
  firstMs: Record<string, number>;
  awarenessLatencyMs: number[];
}

/** Unsolicited message: every writer with a limit has sent its last item. */
export interface WritersDone {
  event: 'writersDone';
  at: number;
}
