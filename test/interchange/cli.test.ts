import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipQdpx } from '../../shared/refi';
import { createServices } from '../../server/services';
import { listAccess } from '../../server/store/accessLog';
import { findStudy, updateStudy } from '../../server/store/studies';
import { type TestEnv, testEnv } from '../helpers/env';
import { CODEBOOK_XSD, PROJECT_XSD, SAMPLES, xmllint } from './seedStudy';
import { tableCounts } from './studyContent';

// The CLI runs as a real process against a real SQLite file in a temp DATA_DIR.
// Each command is a fresh Node process loading the TypeScript sources: allow for slow machines.
describe('concord import project / concord export', { timeout: 120_000 }, () => {
  let env: TestEnv;
  beforeEach(() => {
    env = testEnv('sqlite');
  });
  afterEach(async () => env.cleanup());

  const run = (args: string[], stdin = '') =>
    spawnSync(process.execPath, ['bin/concord.js', ...args], { input: stdin, encoding: 'utf8', env: { ...process.env, DATA_DIR: env.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' } });
  const counts = async () => {
    const s = await createServices({ ...env.config, databaseUrl: null });
    try {
      return await tableCounts(s);
    } finally {
      await s.close();
    }
  };

  const openStudy = async (studyId: string) => {
    const s = await createServices({ ...env.config, databaseUrl: null });
    try {
      const study = (await findStudy(s.db, studyId))!;
      await updateStudy(s.db, { ...study, codingMode: 'open' });
    } finally {
      await s.close();
    }
  };

  it('imports a .qdpx as a new study and exports it as .qdpx, .qde, .qdc and CSV', async () => {
    expect(run(['user', 'create', '--email', 'lead@uni.example', '--name', 'Lena', '--admin'], 'a long password\n').status).toBe(0);
    const imported = run(['import', 'project', 'test/fixtures/refi/windows-tool.qdpx', '--as', 'lead@uni.example']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/5 themes, 2 participants, 2 transcripts, 4 codings, 1 notes/);
    expect(imported.stdout).toMatch(/skipped source Consent form \(PDFSource\)/);
    expect(imported.stdout).toMatch(/pending coder account: Zoë Ångström/);
    const studyId = /as study (\w+)/.exec(imported.stdout)?.[1] ?? '';
    const out = (name: string) => join(env.dataDir, name);
    // An import makes a blind study; the export holds what the exporter may read, so open it.
    expect(run(['export', 'codings', '--study', studyId, '--out', out('blind.csv')]).status).toBe(0);
    expect(readFileSync(out('blind.csv'), 'utf8').split('\r\n').filter((l) => l.includes('Körper 🫀 > Erschöpfung > Müdigkeit,')).length).toBe(0);
    await openStudy(studyId);
    expect(run(['export', 'project', '--study', studyId, '--out', out('p.qdpx')]).status).toBe(0);
    expect(xmllint(unzipQdpx(readFileSync(out('p.qdpx'))).projectXml, PROJECT_XSD)).toBe('');
    expect(run(['export', 'project', '--study', studyId, '--out', out('p.qde'), '--format', 'qde']).status).toBe(0);
    expect(xmllint(readFileSync(out('p.qde')), PROJECT_XSD)).toBe('');
    expect(run(['export', 'codebook', '--study', studyId, '--out', out('c.qdc')]).status).toBe(0);
    expect(xmllint(readFileSync(out('c.qdc')), CODEBOOK_XSD)).toBe('');
    expect(run(['export', 'codings', '--study', studyId, '--out', out('codings.csv')]).status).toBe(0);
    const csv = readFileSync(out('codings.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('study,participant,transcript,coder,theme path,start,end,lines,quote,memo,created');
    expect(csv.filter((l) => l.includes('Körper 🫀 > Erschöpfung > Müdigkeit,')).length).toBe(1);
    // Every export through the command line is a read in the access log, door `cli` (issue 18 item 3).
    const s = await createServices({ ...env.config, databaseUrl: null });
    try {
      const reads = (await listAccess(s.db, studyId, 100)).filter((e) => e.what === 'export').map((e) => `${e.target} ${e.door}`);
      expect(reads.sort()).toEqual(['export:codebook:qdc cli', 'export:codings:csv cli', 'export:codings:csv cli', 'export:project:qde cli', 'export:project:qdpx cli']);
    } finally {
      await s.close();
    }
  });

  it('previews with --dry-run, then imports the synthetic sample mapping a coder to an account', () => {
    expect(run(['user', 'create', '--email', 'lead@uni.example', '--name', 'Lena', '--admin'], 'a long password\n').status).toBe(0);
    const dry = run(['import', 'project', `${SAMPLES}/synthetic_two_coders_ipa.qde`, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/would become the study "IPA pilot": 5 themes, 1 participants, 1 transcripts, 2 codings/);
    expect(dry.stdout).toMatch(/user Coder A \(22222222-2222-4222-8222-222222222222\): 1 codings/);
    const r = run(['import', 'project', `${SAMPLES}/synthetic_two_coders_ipa.qde`, '--users', 'Coder A=lead@uni.example']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/5 themes, 1 participants, 1 transcripts, 2 codings/);
    expect(r.stdout).toMatch(/coder Coder A -> lead@uni\.example/);
    expect(run(['import', 'project', `${SAMPLES}/synthetic_two_coders_ipa.qde`, '--users', 'Coder A']).status).toBe(2);
  });

  it('exits 2 with the reason on a hostile or unreadable file and stores nothing', async () => {
    expect(run(['user', 'create', '--email', 'lead@uni.example', '--name', 'Lena', '--admin'], 'a long password\n').status).toBe(0);
    const before = await counts();
    const evil = join(env.dataDir, 'evil.qdpx');
    writeFileSync(evil, zipSync({ 'project.qde': strToU8('<Project name="x"/>'), '../evil.txt': strToU8('x') }));
    const traversal = run(['import', 'project', evil]);
    expect(traversal.status).toBe(2);
    expect(traversal.stderr).toMatch(/validation_failed: evil\.qdpx: refusing archive entry with an unsafe name: \.\.\/evil\.txt/);
    const missing = run(['import', 'project', join(env.dataDir, 'none.qdpx')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    expect(run(['export', 'nothing', '--study', 'x', '--out', 'y']).status).toBe(2);
    expect(await counts()).toEqual(before);
  });
});
