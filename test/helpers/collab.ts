import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../../shared/protocol';
import type { RunningServer } from '../../server/server';
import type { Services } from '../../server/services';
import { countDocUpdates } from '../../server/store/docLog';
import { docRegistryFor } from '../../server/ydocs/withDoc';
import { eventually } from './env';
import { seedUsers } from './http';
import { joinStudy } from './http';

// Every provider adds a process 'exit' listener; tests open dozens at once.
process.setMaxListeners(500);

/** A `ws` WebSocket class that sends a Cookie and an Origin, as a browser tab would. */
export function socketClass(cookie: string | null, origin: string): new (url: string | URL, protocols?: string | string[]) => WebSocket {
  return class BrowserLikeSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin, ...(cookie ? { cookie } : {}) } });
    }
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes of the connections this provider had, in order (1006 for refused upgrades). */
  closes: number[];
  /** SyncStep2 messages received so far (the server's answers, including no-op ones). */
  syncStep2Count: () => number;
  /** The newest `persisted` state vector received (decoded), or null. */
  persisted: () => Map<number, number> | null;
  /** True once the server acknowledged this client's whole state as durable. */
  isSaved: () => boolean;
  destroy: () => void;
}

export interface ClientOptions {
  persisted?: boolean;
  doc?: Y.Doc;
  connect?: boolean;
}

/** A stock y-websocket WebsocketProvider on `/collab/<docName>`, with a few observation hooks. */
export function openClient(server: RunningServer, docName: string, cookie: string | null, options: ClientOptions = {}): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`ws://localhost:${server.port}/collab`, docName, doc, {
    WebSocketPolyfill: socketClass(cookie, server.url) as unknown as typeof globalThis.WebSocket,
    params: options.persisted ? { persisted: '1' } : {},
    // Several providers of one document live in this process: BroadcastChannel would let them
    // sync with each other without the server, hiding exactly what these tests check.
    disableBc: true,
    maxBackoffTime: 300,
    connect: options.connect ?? true,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  let step2 = 0;
  let persisted: Map<number, number> | null = null;
  const handlers = provider.messageHandlers;
  const sync = handlers[MessageType.Sync]!;
  handlers[MessageType.Sync] = (encoder, decoder, p, emitSynced, type) => {
    const pos = decoder.pos;
    const step = decoding.readVarUint(decoder);
    decoder.pos = pos;
    sync(encoder, decoder, p, emitSynced, type);
    if (step === 1) step2++;
  };
  handlers[MessageType.Persisted] = (_encoder, decoder) => {
    persisted = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  };
  return {
    doc,
    provider,
    closes,
    syncStep2Count: () => step2,
    persisted: () => persisted,
    isSaved: () => persisted !== null && covers(persisted, Y.decodeStateVector(Y.encodeStateVector(doc))),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Does the durable state vector cover the client's own? (what connectDoc calls "saved") */
export function covers(durable: Map<number, number>, local: Map<number, number>): boolean {
  for (const [client, clock] of local) if ((durable.get(client) ?? 0) < clock) return false;
  return true;
}

export async function synced(c: TestClient, timeoutMs = 5000): Promise<void> {
  await eventually(() => c.provider.synced, timeoutMs);
}

/** Waits until the provider's connection was closed with `code` (and returns it). */
export async function closedWith(c: TestClient, code: number, timeoutMs = 5000): Promise<number> {
  return (await eventually(() => (c.closes.includes(code) ? code : null), timeoutMs)) as number;
}

/** The HTTP status an upgrade request gets (101 when it is accepted) and the close code after. */
export function upgradeOutcome(server: RunningServer, path: string, headers: Record<string, string>): Promise<{ status: number; close?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://localhost:${server.port}${path}`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('open', () => undefined);
    ws.on('close', (code) => resolve({ status: 101, close: code }));
    ws.on('error', (e) => {
      if (!String(e).includes('Unexpected server response')) reject(e);
    });
  });
}

/** A raw socket on a document (for malformed frames), open once the upgrade succeeded. */
export async function rawSocket(server: RunningServer, docName: string, cookie: string, query = ''): Promise<{ ws: WebSocket; closed: Promise<number>; received: Uint8Array[] }> {
  const ws = new WebSocket(`ws://localhost:${server.port}/collab/${docName}${query}`, { headers: { cookie, origin: server.url } });
  const received: Uint8Array[] = [];
  ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed, received };
}

/** Row count of a document's update log. */
export function logRows(s: Services, docName: string): Promise<number> {
  return countDocUpdates(s.db, docName);
}

/** The server's current content of a document (through the registry, as REST commands read it). */
export function serverDoc<T>(s: Services, docName: string, read: (doc: Y.Doc) => T): Promise<T> {
  return docRegistryFor(s).withDoc(docName, read);
}

export interface StudyFixture {
  studyId: string;
  transcriptId: string;
  participantId: string;
  users: Awaited<ReturnType<typeof seedUsers>>['users'];
  cookie: (name: string) => string;
  api: (name: string) => Awaited<ReturnType<typeof seedUsers>>['users'][string]['api'];
}

/**
 * An instance with a study led by `lead`, with members `owner` and `other` (coders) and
 * `auditor`, plus `outsider` (no membership); one participant and one transcript in `coding`.
 * Everything goes through the REST API.
 */
export async function seedStudy(s: Services, codingMode: 'open' | 'blind' = 'blind', extra: string[] = []): Promise<StudyFixture> {
  const { users } = await seedUsers(s, ['lead', 'owner', 'other', 'auditor', 'outsider', ...extra]);
  const lead = users.lead!.api;
  const study = await lead.post('/api/studies', { title: 'Burnout in nursing', codingMode });
  if (study.status !== 201) throw new Error(`study: ${JSON.stringify(study.json)}`);
  const studyId = study.json.study.id as string;
  for (const [name, role] of [['owner', 'coder'], ['other', 'coder'], ['auditor', 'auditor']] as const) {
    const r = await joinStudy(lead, studyId, users[name]!.email, role);
    if (r.status !== 200) throw new Error(`member ${name}: ${JSON.stringify(r.json)}`);
  }
  const p = await lead.post(`/api/studies/${studyId}/participants`, { pseudonym: 'P01' });
  const participantId = p.json.participant.id as string;
  const t = await lead.post(`/api/studies/${studyId}/transcripts`, { participantId, title: 'Interview 1', text: 'Interviewer: How was the shift?\nP01: Long. Very long.\n' });
  if (t.status !== 201) throw new Error(`transcript: ${JSON.stringify(t.json)}`);
  return {
    studyId,
    transcriptId: t.json.transcript.id as string,
    participantId,
    users,
    cookie: (name) => users[name]!.api.cookie!,
    api: (name) => users[name]!.api,
  };
}

export const docs = {
  codebook: (f: StudyFixture) => `studies/${f.studyId}/codebook`,
  privateCodebook: (f: StudyFixture, owner = 'owner') => `studies/${f.studyId}/codebooks/${f.users[owner]!.id}`,
  journal: (f: StudyFixture, owner = 'owner') => `studies/${f.studyId}/journals/${f.users[owner]!.id}`,
  codebookMap: (f: StudyFixture) => `studies/${f.studyId}/codebookMap`,
  writeup: (f: StudyFixture) => `studies/${f.studyId}/writeup`,
  layer: (f: StudyFixture, owner = 'owner') => `transcripts/${f.transcriptId}/layers/${f.users[owner]!.id}`,
  consensus: (f: StudyFixture) => `transcripts/${f.transcriptId}/consensus`,
  discussion: (f: StudyFixture) => `transcripts/${f.transcriptId}/discussion`,
};
