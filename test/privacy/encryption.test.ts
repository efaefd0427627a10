import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/coding';
import { parseConfig } from '../../server/config';
import { createServices } from '../../server/services';
import { startServer } from '../../server/server';
import { DatabaseKeyError, openSqliteFile } from '../../server/store/sqliteFile';
import { withDoc } from '../../server/ydocs/withDoc';
import { testEnv, type TestEnv } from '../helpers/env';
import { seedStudy } from '../helpers/collab';
import { runCli } from '../cli/runCli';
import { filesContaining, uniqueMarker } from './dataDir';

const KEY = 'correct horse battery staple 42';

describe('encryption at rest of the SQLite database', () => {
  let env: TestEnv;
  let spare: string;

  beforeEach(() => {
    env = testEnv('sqlite', { CONCORD_DB_KEY: KEY });
    spare = mkdtempSync(join(tmpdir(), 'concord-key-'));
  });
  afterEach(async () => {
    await env.cleanup();
    rmSync(spare, { recursive: true, force: true });
  });

  /** A server with the key: a transcript and a note holding markers; the markers. */
  async function writeMarkers() {
    const server = await startServer(env.config, env.options);
    const f = await seedStudy(server.services, 'open');
    const text = uniqueMarker('Transcriptmark');
    const note = uniqueMarker('Notemark');
    const t = await f.api('lead').post(`/api/studies/${f.studyId}/transcripts`, { participantId: f.participantId, title: 'Interview 2', text: `P01: ${text}\n` });
    expect(t.status).toBe(201);
    await withDoc(server.services, `transcripts/${t.json.transcript.id}/layers/${f.users.owner!.id}`, (doc) => addNote(doc, 10, { kind: 'descriptive', text: note, start: 0, end: 3 }), f.users.owner!.id);
    // While the server runs, the write-ahead log holds the newest pages: encrypted too.
    expect(filesContaining(env.dataDir, text)).toEqual([]);
    expect(filesContaining(env.dataDir, note)).toEqual([]);
    await server.close();
    return { text, note, studyId: f.studyId };
  }

  it('keeps no readable byte of the data on disk, and reopens with the key', async () => {
    const { text, note } = await writeMarkers();
    expect(filesContaining(env.dataDir, text)).toEqual([]);
    expect(filesContaining(env.dataDir, note)).toEqual([]);
    expect(filesContaining(env.dataDir, 'SQLite format 3')).toEqual([]);
    const s = await createServices(env.config, env.options);
    try {
      const row = await s.db.selectFrom('transcripts').select('text').where('title', '=', 'Interview 2').executeTakeFirstOrThrow();
      expect(row.text).toContain(text);
    } finally {
      await s.close();
    }
  });

  it('refuses to start without the key or with a wrong one: a clear message and a non-zero exit', async () => {
    await writeMarkers();
    await expect(createServices(parseConfig({ DATA_DIR: env.dataDir, LOG_LEVEL: 'silent' }), env.options)).rejects.toThrow(DatabaseKeyError);
    const none = await runCli(['serve'], { DATA_DIR: env.dataDir, PORT: '0', CONCORD_BUILD_CLIENT: '0' });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/concord serve: .*concord\.db cannot be read: it is encrypted \(set CONCORD_DB_KEY or CONCORD_DB_KEY_FILE\)/);
    const wrong = await runCli(['serve'], { DATA_DIR: env.dataDir, PORT: '0', CONCORD_BUILD_CLIENT: '0', CONCORD_DB_KEY: 'not the right key at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/cannot be read with the configured key: the key is wrong/);
    expect(wrong.stderr).not.toContain('not the right key');
  });

  it('reads the key from a key file, and refuses an unusable key configuration', async () => {
    await writeMarkers();
    const file = join(spare, 'db.key');
    writeFileSync(file, `${KEY}\n`, { mode: 0o600 });
    const s = await createServices(parseConfig({ DATA_DIR: env.dataDir, LOG_LEVEL: 'silent', CONCORD_DB_KEY_FILE: file }), env.options);
    expect(await s.db.selectFrom('studies').select('title').execute()).toEqual([{ title: 'Burnout in nursing' }]);
    await s.close();
    expect(() => parseConfig({ CONCORD_DB_KEY: KEY, CONCORD_DB_KEY_FILE: file })).toThrow(/not both/);
    expect(() => parseConfig({ CONCORD_DB_KEY: 'short' })).toThrow(/CONCORD_DB_KEY is shorter than 16 characters/);
    expect(() => parseConfig({ CONCORD_DB_KEY_FILE: join(spare, 'missing.key') })).toThrow(/CONCORD_DB_KEY_FILE .* cannot be read \(ENOENT\)/);
    expect(() => parseConfig({ CONCORD_DB_KEY: KEY, DATABASE_URL: 'postgres://localhost/x' })).toThrow(/on PostgreSQL encrypt the volume/);
    // The configuration never prints the key.
    const config = parseConfig({ CONCORD_DB_KEY: KEY });
    expect(JSON.stringify(config)).not.toContain(KEY);
    expect(String(config.dbKey)).toBe('[hidden]');
  });

  it('writes backups encrypted with the same key, which restore reads with it', async () => {
    const { text } = await writeMarkers();
    const out = join(spare, 'backup.db');
    const backup = await runCli(['backup', '--out', out], { DATA_DIR: env.dataDir, CONCORD_DB_KEY: KEY });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(filesContaining(spare, text)).toEqual([]);
    expect(() => openSqliteFile(out, undefined, { readonly: true })).toThrow(DatabaseKeyError);
    const db = openSqliteFile(out, KEY, { readonly: true });
    expect((db.prepare('select text from transcripts where title = ?').get('Interview 2') as { text: string }).text).toContain(text);
    db.close();
    const refused = await runCli(['backup', '--out', join(spare, 'nokey.db')], { DATA_DIR: env.dataDir });
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/cannot be read: it is encrypted/)]);
    const restored = await runCli(['restore', out], { DATA_DIR: env.dataDir, CONCORD_DB_KEY: KEY });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(filesContaining(env.dataDir, text)).toEqual([]);
    const s = await createServices(env.config, env.options);
    expect((await s.db.selectFrom('transcripts').select('id').execute()).length).toBe(2);
    await s.close();
  });

  it('encrypts an existing unencrypted database in place with `concord encrypt`', async () => {
    const plain = testEnv('sqlite');
    try {
      const server = await startServer(plain.config, plain.options);
      const f = await seedStudy(server.services, 'open');
      const marker = uniqueMarker('Plainmark');
      expect((await f.api('lead').post(`/api/studies/${f.studyId}/participants`, { pseudonym: marker })).status).toBe(201);
      await server.close();
      expect(filesContaining(plain.dataDir, marker).length).toBeGreaterThan(0);
      const noKey = await runCli(['encrypt'], { DATA_DIR: plain.dataDir });
      expect([noKey.code, noKey.stderr]).toEqual([2, expect.stringMatching(/no key: set CONCORD_DB_KEY/)]);
      const done = await runCli(['encrypt'], { DATA_DIR: plain.dataDir, CONCORD_DB_KEY: KEY });
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(filesContaining(plain.dataDir, marker)).toEqual([]);
      const again = await runCli(['encrypt'], { DATA_DIR: plain.dataDir, CONCORD_DB_KEY: KEY });
      expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/already encrypted/)]);
      const s = await createServices(parseConfig({ DATA_DIR: plain.dataDir, LOG_LEVEL: 'silent', CONCORD_DB_KEY: KEY }), plain.options);
      expect((await s.db.selectFrom('participants').select('pseudonym').execute()).map((p) => p.pseudonym)).toContain(marker);
      await s.close();
    } finally {
      await plain.cleanup();
    }
  });
});
