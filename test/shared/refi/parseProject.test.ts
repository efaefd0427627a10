import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RefiError, decodeXmlText, isUnsafeEntryName, nameMatches, parseCodebook, parseProject, positionTable, readProjectBytes, sourceEntryName, unzipQdpx } from '../../../shared/refi';
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

  it('reads a MAXQDA-style root (xmlns:xsi first, default namespace last) without a warning', () => {
    // The attribute order of MAXQDA 24's own Project element.
    const maxqda = SAMPLE.replace(
      /<Project xmlns="urn:QDA-XML:project:1.0" name="IPA pilot" origin="synthetic-example 0.1"/,
      '<Project name="IPA pilot" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" origin="MAXQDA 24 (Release 24.7.0)" xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" xmlns="urn:QDA-XML:project:1.0"',
    );
    const p = parseProject(maxqda);
    expect(p.namespace).toBe('urn:QDA-XML:project:1.0');
    expect(p.origin).toBe('MAXQDA 24 (Release 24.7.0)');
    expect(p.warnings).toEqual([]);
    const noDefault = parseProject(maxqda.replace(' xmlns="urn:QDA-XML:project:1.0"', ''), { file: 'p.qde' });
    expect(noDefault.namespace).toBeNull();
    expect(noDefault.warnings).toEqual(['p.qde: <Project>: no namespace declared; reading it as QDA-XML 1.0']);
  });

  it('names the file and the element in every warning and error', () => {
    const broken = SAMPLE.replace('urn:QDA-XML:project:1.0', 'urn:example:other').replace(/<PlainTextContent>[^]*?<\/PlainTextContent>/, '');
    const qde = readProjectBytes(strToU8(broken), 'pilot.qde');
    expect(qde.warnings).toEqual([
      'pilot.qde: <Project xmlns="urn:example:other">: unknown namespace urn:example:other; reading it as QDA-XML 1.0',
      'pilot.qde: <TextSource name="P01 interview" guid="b0000000-0000-4000-8000-000000000001">: no readable plain text; skipped',
    ]);
    const zipped = zipSync({ 'project.qde': strToU8(SAMPLE.replace('<PlainTextContent>', '<PlainTextContent plainTextPath="x">').replace(/<PlainTextContent[^]*?<\/PlainTextContent>/, '').replace('name="P01 interview"', 'name="P01 interview" plainTextPath="internal://gone.txt"')) });
    expect(readProjectBytes(zipped, 'pilot.qdpx').warnings).toEqual(['pilot.qdpx (project.qde): <TextSource name="P01 interview" guid="b0000000-0000-4000-8000-000000000001">: no readable plain text; skipped']);
    expect(() => readProjectBytes(strToU8(SAMPLE.slice(0, 900)), 'cut.qde')).toThrow(/^cut\.qde: not well-formed XML: .*\(line \d+\)$/);
    expect(() => readProjectBytes(zipSync({ 'a.txt': strToU8('x') }), 'empty.qdpx')).toThrow(/^empty\.qdpx: the archive has no project\.qde$/);
    expect(() => readProjectBytes(strToU8('<CodeBook/>'), 'book.qdc')).toThrow(/^book\.qdc: no <Project> root element/);
  });

  it('reports the origin a project file states when its codebook is read', () => {
    const book = parseCodebook(SAMPLE.replace('origin="synthetic-example 0.1"', 'origin="MAXQDA 24 (Release 24.7.0)"'), 'p.qde');
    expect(book.origin).toBe('MAXQDA 24 (Release 24.7.0)');
    expect(book.warnings).toEqual(['p.qde: <Project>: a project file: only its <CodeBook> is read']);
    const atlas = readFileSync(refiQda('samples', 'atlasti23_export_codebook.qdc'), 'utf8');
    expect(parseCodebook(atlas)).toMatchObject({ origin: 'ATLAS.ti Win 23.4.0', namespace: 'urn:QDA-XML:codebook:1.0', warnings: [] });
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
