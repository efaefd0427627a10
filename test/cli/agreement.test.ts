import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/main';
import { refiQda } from '../helpers/refiQda';

const FIXTURES = resolve(__dirname, '../fixtures/agreement');
const SAMPLE = refiQda('samples', 'synthetic_two_coders_ipa.qde');
const ROOT = resolve(__dirname, '../..');

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; json: Record<string, any> }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['agreement', ...argv], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async () => '',
  });
  return { code, stdout, stderr, json: code === 0 ? JSON.parse(stdout) : {} };
}

const tmp = mkdtempSync(join(tmpdir(), 'concord-agreement-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function temp(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('concord agreement matrix', () => {
  it.each([
    ['nominal', 0.743421],
    ['ordinal', 0.815388],
    ['interval', 0.849107],
    ['ratio', 0.797403],
  ])('reproduces E1 alpha %s to 1e-6 (empty and * cells are missing)', async (level, expected) => {
    const { code, json } = await run('matrix', join(FIXTURES, 'e1.csv'), '--level', level);
    expect(code).toBe(0);
    expect(Math.abs(json.alpha - expected)).toBeLessThan(1e-6);
    expect(json.n).toBeCloseTo(40, 9);
    expect(json.units).toBe(12);
    expect(json.coders).toEqual(['A', 'B', 'C', 'D']);
    expect(json.cohenKappa).toBeNull();
    expect(json.fleissKappa).toBeNull();
    expect(json.scottPi).toBeNull();
    expect(Object.keys(json.reasons)).toEqual(expect.arrayContaining(['cohenKappa', 'fleissKappa', 'scottPi']));
  });

  it('reproduces E2 (alpha, Cohen, Scott)', async () => {
    const { json } = await run('matrix', join(FIXTURES, 'e2.csv'));
    expect(json.alpha).toBeCloseTo(0.759162, 6);
    expect(json.cohenKappa).toBeCloseTo(0.75, 6);
    expect(json.scottPi).toBeCloseTo(0.748691, 6);
    expect(json.fleissKappa).toBeCloseTo(0.748691, 6);
  });

  it('reproduces E3 (kappa, SE, Brennan-Prediger) and E4', async () => {
    const e3 = (await run('matrix', join(FIXTURES, 'e3.csv'))).json;
    expect(e3.cohenKappa).toBeCloseTo(0.491525, 6);
    expect(e3.cohenKappaSE).toBeCloseTo(0.054922, 6);
    expect(e3.percentAgreement).toBeCloseTo(0.7, 9);
    expect(e3.brennanPrediger).toBeCloseTo(0.55, 9);
    const e4 = (await run('matrix', join(FIXTURES, 'e4.csv'))).json;
    expect(e4.cohenKappa).toBeCloseTo(0.4, 9);
    expect(e4.percentAgreement).toBeCloseTo(0.7, 9);
  });

  it('adds a bootstrap interval that reports its seed and is reproducible', async () => {
    const one = await run('matrix', join(FIXTURES, 'e1.csv'), '--bootstrap', '500', '--seed', '42');
    const two = await run('matrix', join(FIXTURES, 'e1.csv'), '--bootstrap=500', '--seed=42');
    expect(one.json.ci).toEqual(two.json.ci);
    expect(one.json.ci.seed).toBe(42);
    expect(one.json.ci.replicates).toBe(500);
    expect(one.json.ci.lower).toBeLessThan(one.json.alpha);
    expect(one.json.ci.upper).toBeGreaterThan(one.json.alpha);
    expect(one.json.ci.upper).toBeLessThanOrEqual(1);
  });

  it.each([
    [['matrix', join(FIXTURES, 'ragged.csv')], /line 3 has 2 fields/],
    [['matrix', join(FIXTURES, 'e2.csv'), '--level', 'interval'], /numeric values/],
    [['matrix', join(FIXTURES, 'e2.csv'), '--level', 'fuzzy'], /--level must be one of/],
    [['matrix', join(FIXTURES, 'e1.csv'), '--bootstrap', '-3'], /--bootstrap must be an integer/],
    [['matrix', join(FIXTURES, 'missing.csv')], /cannot read/],
    [['matrix'], /exactly one input file/],
    [['matrix', join(FIXTURES, 'e1.csv'), '--frobnicate'], /unknown option --frobnicate/],
    [['nonsense'], /unknown subcommand/],
  ])('rejects bad input %j with a message and exit code 2', async (argv, message) => {
    const { code, stderr, stdout } = await run(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('names the file and the line of an unterminated quote, and of a bad row after a quoted line break', async () => {
    const open = temp('open-quote.csv', 'unit,A,B\n1,x,x\n2,"y,y\n3,z,z\n');
    const unterminated = await run('matrix', open);
    expect(unterminated.code).toBe(2);
    expect(unterminated.stderr).toContain(`${open}: line 3: a quoted field opened here is never closed`);
    // Row 3 of the data starts on line 5 of the file: the quoted cell of unit 1 spans two lines.
    const ragged = temp('multiline.csv', 'unit,A,B\n1,"x\nstill x",x\n2,y,y\n3,z\n');
    const short = await run('matrix', ragged);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain(`${ragged}: line 5 has 2 fields, the header has 3`);
  });

  it('exits with 2 from the real binary on bad input', async () => {
    const result = await promisify(execFile)('node', ['bin/concord.js', 'agreement', 'matrix', join(FIXTURES, 'ragged.csv')], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/concord agreement: .*ragged\.csv: line 3/);
  });
});

describe('concord agreement spans', () => {
  it('reproduces E5', async () => {
    const { code, json } = await run('spans', join(FIXTURES, 'e5.csv'), '--length', '20');
    expect(code).toBe(0);
    expect(json.uAlpha).toBeCloseTo(0.474, 3);
    expect(json.binaryUAlpha).toBeCloseTo(0.433, 3);
    expect(json.cuAlpha).toBeCloseTo(0.779, 3);
    expect(json.coverage).toBeCloseTo(0.3833, 4);
    expect(json.perValue['1']).toBeCloseTo(0.769, 3);
    expect(json.perValue['2']).toBeCloseTo(0.787, 3);
  });

  it('rejects overlapping spans of one coder and spans past the length', async () => {
    const overlap = temp('overlap.csv', 'a,0,5,x\na,3,8,y\nb,0,5,x\n');
    expect((await run('spans', overlap, '--length', '10')).stderr).toMatch(/overlap/);
    expect((await run('spans', join(FIXTURES, 'e5.csv'), '--length', '15')).stderr).toMatch(/outside \[0, 15\)/);
    expect((await run('spans', join(FIXTURES, 'e5.csv'))).code).toBe(2);
  });
});

describe('concord agreement qdpx', () => {
  it('compares the two coders of the synthetic IPA sample per code and per source', async () => {
    const { code, json } = await run('qdpx', SAMPLE);
    expect(code).toBe(0);
    expect(json.coders.map((c: { name: string }) => c.name)).toEqual(['Coder A', 'Coder B']);
    expect(json.offsets).toMatchObject({ unit: 'codepoint', end: 'exclusive', matched: 2, named: 2 });
    expect(json.sources).toHaveLength(1);
    expect(json.sources[0].name).toBe('P01 interview');
    const byName = Object.fromEntries(json.codes.map((c: { name: string }) => [c.name, c]));
    // Exact mode: A coded "Body as obstacle" on line 2, B only "Fatigue": they disagree on line 2.
    expect(byName['Theme: Body as obstacle'].units).toBe(2);
    expect(byName['Theme: Body as obstacle'].percentAgreement).toBe(0.5);
    expect(byName['Theme: Vigilance'].alpha).toBeNull();
    expect(byName['Theme: Vigilance'].reasons.alpha).toMatch(/no variation/);
  });

  it('counts the sub-theme for its parent with --rollup, and supports character units', async () => {
    const rollup = (await run('qdpx', SAMPLE, '--rollup')).json;
    const body = rollup.codes.find((c: { name: string }) => c.name === 'Theme: Body as obstacle');
    expect(body.percentAgreement).toBe(1);
    const chars = (await run('qdpx', SAMPLE, '--unit', 'character', '--rollup')).json;
    const bodyChars = chars.codes.find((c: { name: string }) => c.name === 'Theme: Body as obstacle');
    // A: [36,64), B: [27,83) of 115 characters: they differ on 9 + 19 = 28 characters.
    expect(bodyChars.units).toBe(115);
    expect(bodyChars.percentAgreement).toBeCloseTo(1 - 28 / 115, 12);
    const continuum = (await run('qdpx', SAMPLE, '--unit', 'continuum')).json;
    expect(continuum.overall).toHaveProperty('uAlpha');
  });

  it('reads a .qdpx archive with external sources, CRLF counted once, inclusive ends and astral code points', async () => {
    const text = 'Intro 😀 line\r\nSecond line here\r\nThird line 😀 end\r\n';
    // Positions as a tool that counts code points, CRLF as one, inclusive end would write them.
    const toolPos = (utf16: number): number => [...text.slice(0, utf16).replace(/\r\n/g, '\n')].length;
    const sel = (guid: string, user: string, code: string, from: number, to: number): string =>
      `<PlainTextSelection guid="${guid}" name="${text.slice(from, to)}" startPosition="${toolPos(from)}" endPosition="${toolPos(to) - 1}" creatingUser="${user}"><Coding guid="c${guid}" creatingUser="${user}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`;
    const second = text.indexOf('Second');
    const third = text.indexOf('Third');
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1:0" name="crlf &amp; friends">
<Users><User guid="u1" name="Ann"/><User guid="u2" name="Bob"/></Users>
<CodeBook><Codes><Code guid="k1" name="K"/></Codes></CodeBook>
<Sources><TextSource guid="s1" name="S" plainTextPath="internal://s1.txt">
${sel('a', 'u1', 'k1', second, second + 11)}
${sel('b', 'u2', 'k1', second, second + 11)}
${sel('c', 'u1', 'k1', third, third + 13)}
</TextSource></Sources></Project>`;
    const path = temp('crlf.qdpx', zipSync({ 'project.qde': strToU8(xml), 'sources/s1.txt': strToU8(text) }));
    const { code, json, stderr } = await run('qdpx', path);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json.offsets).toMatchObject({ unit: 'codepoint', crlf: 'one', end: 'inclusive', matched: 3, named: 3 });
    expect(json.project.name).toBe('crlf & friends');
    // Lines: 1 uncoded, 2 coded by both, 3 coded by Ann only.
    expect(json.overall.units).toBe(3);
    expect(json.overall.percentAgreement).toBeCloseTo(2 / 3, 12);
  });

  it('refuses archives with path traversal names, XML with entity declarations, and non-projects', async () => {
    const slip = temp('slip.qdpx', zipSync({ 'project.qde': strToU8('<Project/>'), '../evil.txt': strToU8('x') }));
    expect((await run('qdpx', slip)).stderr).toMatch(/unsafe name/);
    const bomb = temp(
      'bomb.qde',
      '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Project name="&b;"/>',
    );
    const r = await run('qdpx', bomb);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/declares entities/);
    expect((await run('qdpx', temp('other.qde', '<Codebook/>'))).stderr).toMatch(/no <Project> root/);
    expect((await run('qdpx', temp('junk.qdpx', 'PK not really a zip'))).stderr).toMatch(/not a readable \.qdpx/);
  });
});
