import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RefiError, decodeXmlText, isUnsafeEntryName, nameMatches, parseProject, positionTable, sourceEntryName, unzipQdpx } from '../../../shared/refi';
import { refiQda } from '../../helpers/refiQda';

const SAMPLE = readFileSync(refiQda('samples', 'synthetic_two_coders_ipa.qde'), 'utf8');

describe('parseProject', () => {
  it('reads users, the code hierarchy, text and codings of the synthetic IPA sample', () => {
    const p = parseProject(SAMPLE);
    expect(p.namespace).toBe('urn:QDA-XML:project:1.0');
    expect(p.warnings).toEqual([]);
    expect(p.users.map((u) => u.name)).toEqual(['Lead', 'Coder A', 'Coder B']);
    expect(p.codes.map((c) => [c.name.split(':')[0], c.parentGuid?.slice(-1) ?? null])).toEqual([
      ['Area', null],
      ['Superordinate', '1'],
      ['Theme', '2'],
      ['Sub-theme', '3'],
      ['Theme', '2'],
    ]);
    const source = p.sources[0];
    expect(source?.text.startsWith('I: How is a normal day?\nP: Honestly')).toBe(true);
    expect(source?.codings.map((c) => source.text.slice(c.start, c.end))).toEqual(['my body just gets in the way', 'Honestly my body just gets in the way. I am always tired']);
    expect(source?.codings.map((c) => c.userGuid.slice(0, 2))).toEqual(['22', '33']);
  });

  it('accepts prefixed elements and namespace variants, warning only on unknown namespaces', () => {
    const prefixed = SAMPLE.replace(/<(\/?)([A-Z][A-Za-z]*)/g, '<$1qda:$2').replace('xmlns="urn:QDA-XML:project:1.0"', 'xmlns:qda="urn:QDA-XML:project:1:0"');
    const p = parseProject(prefixed);
    expect(p.users).toHaveLength(3);
    expect(p.sources[0]?.codings).toHaveLength(2);
    expect(p.warnings).toEqual([]);
    expect(parseProject(SAMPLE.replace('urn:QDA-XML:project:1.0', 'urn:example:other')).warnings[0]).toMatch(/unknown namespace/);
  });

  it('decodes predefined entities and character references but never declared ones', () => {
    expect(decodeXmlText('a &amp; b &lt;c&gt; &#233;&#x1F600; &custom;')).toBe('a & b <c> é😀 &custom;');
    expect(() => parseProject('<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project>&x;</Project>')).toThrow(RefiError);
  });

  it('detects end-inclusive UTF-16 offsets from selection names', () => {
    const xml = SAMPLE.replace('startPosition="36" endPosition="64"', 'startPosition="36" endPosition="63"').replace(
      'startPosition="27" endPosition="83"',
      'startPosition="27" endPosition="82"',
    );
    const p = parseProject(xml);
    expect(p.convention.end).toBe('inclusive');
    expect(p.sources[0]?.codings[0]).toMatchObject({ start: 36, end: 64 });
  });
});

describe('offsets', () => {
  it('maps code points and CRLF-as-one positions to UTF-16 offsets', () => {
    const text = 'a😀b\r\nc';
    expect([...positionTable(text, { unit: 'utf16', crlf: 'two' })]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...positionTable(text, { unit: 'codepoint', crlf: 'two' })]).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect([...positionTable(text, { unit: 'codepoint', crlf: 'one' })]).toEqual([0, 1, 3, 4, 6, 7]);
  });

  it('matches names to selected text, allowing whitespace differences and truncation', () => {
    expect(nameMatches('my  body\njust', 'my body just')).toBe(true);
    expect(nameMatches('Honestly my body...', 'Honestly my body just gets in the way')).toBe(true);
    expect(nameMatches('Fatigue', 'Honestly my body')).toBe(false);
  });
});

describe('unzipQdpx', () => {
  it('extracts the project and plain-text sources only', () => {
    const zip = zipSync({ 'project.qde': strToU8(SAMPLE), 'sources/a.txt': strToU8('hello'), 'sources/b.docx': strToU8('ignored') });
    const contents = unzipQdpx(zip);
    expect(contents.projectXml).toBe(SAMPLE);
    expect([...contents.sources.keys()]).toEqual(['sources/a.txt']);
    expect(sourceEntryName('internal://a.txt')).toBe('sources/a.txt');
  });

  it('flags entry names that could escape the extraction directory', () => {
    for (const bad of ['../x', 'sources/../../x', '/etc/passwd', 'C:\\x', '..\\x']) expect(isUnsafeEntryName(bad)).toBe(true);
    expect(isUnsafeEntryName('sources/a..b.txt')).toBe(false);
  });
});
