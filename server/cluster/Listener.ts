import type pg from 'pg';
import { loadPg } from '../store/database';
import type { Logger } from '../log';

export interface ListenerHandlers {
  notification(channel: string, payload: string): void;
  /** LISTEN is (re-)established; `again` after a lost connection: notifications may be missing. */
  connected(again: boolean): void;
}

/** Reconnect backoff bounds: quick after a blip, gentle on a database that is down. */
const RECONNECT_MIN_MS = 50;
const RECONNECT_MAX_MS = 2000;
/** A liveness probe slower than this counts as a dead connection (half-open TCP). */
const PROBE_TIMEOUT_MS = 5000;

/**
 * The node's dedicated LISTEN connection (a pooled connection cannot hold LISTEN). It reconnects
 * with backoff whenever the connection dies (database restart, pg_terminate_backend, network)
 * and says so, so that the node catches up on what it may have missed meanwhile.
 * Its `application_name` is `concord-listen-<pid>`, to find it in pg_stat_activity.
 */
export class Listener {
  #client: pg.Client | null = null;
  #closed = false;
  #backoff = RECONNECT_MIN_MS;
  #timer: NodeJS.Timeout | null = null;
  #everConnected = false;

  constructor(
    private readonly url: string,
    private readonly channels: readonly string[],
    private readonly handlers: ListenerHandlers,
    private readonly log: Logger,
  ) {}

  /** Connects once; later losses reconnect in the background. */
  async start(): Promise<void> {
    await this.#connect();
  }

  get connected(): boolean {
    return this.#client !== null;
  }

  /** Probes the connection; a dead one is dropped and reconnected. */
  async probe(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([client.query('select 1'), timeout]);
    } catch (error) {
      this.#lost(client, error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const pg = await loadPg();
    const client = new pg.Client({ connectionString: this.url, application_name: `concord-listen-${process.pid}`, keepAlive: true });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('connection ended')));
    client.on('notification', (n) => {
      if (this.#client === client && n.payload !== undefined) this.handlers.notification(n.channel, n.payload);
    });
    try {
      await client.connect();
      for (const ch of this.channels) await client.query(`listen ${pg.escapeIdentifier(ch)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#backoff = RECONNECT_MIN_MS;
    const again = this.#everConnected;
    this.#everConnected = true;
    if (again) this.log.info('cluster.listener_reconnected', {});
    this.handlers.connected(again);
  }

  #lost(client: pg.Client, error: unknown): void {
    if (this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => undefined);
    if (this.#closed) return;
    this.log.warn('cluster.listener_lost', { error: String(error) });
    this.#retry();
  }

  #retry(): void {
    if (this.#closed || this.#timer) return;
    const wait = this.#backoff;
    this.#backoff = Math.min(this.#backoff * 2, RECONNECT_MAX_MS);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#connect().catch((error: unknown) => {
        this.log.warn('cluster.listener_connect_failed', { error: String(error) });
        this.#retry();
      });
    }, wait);
    this.#timer.unref();
  }
}
