import { describe, expect, it } from 'vitest';
import { type ExportProject, codePointIndex, escapeXmlAttr, escapeXmlText, guidFor, normalizeGuid, parseCodebook, parseProject, writeCodebook, writeProject } from '../../shared/refi';
import { CODEBOOK_XSD, PROJECT_XSD, xmllint } from './seedStudy';

const G = (n: number) => guidFor('test', String(n));

const PROJECT: ExportProject = {
  name: 'Tricky <names> & "quotes"\nsecond line',
  origin: 'Concord',
  userGuid: G(1),
  createdAt: Date.UTC(2025, 0, 1),
  users: [{ guid: G(1), name: 'Zoë\t"Z" <z>' }],
  codes: [{ guid: G(2), name: 'Code & co', color: '#aabbcc', description: 'line 1\r\nline 2 \u0001bell', isCodable: true, children: [{ guid: G(3), name: 'Child 😀', color: null, description: '', isCodable: false, children: [] }] }],
  cases: [{ guid: G(4), name: 'P1', sourceGuids: [G(5)] }],
  sources: [
    {
      guid: G(5),
      name: 'S',
      text: '😀 a\n  b  &',
      userGuid: G(1),
      createdAt: 0,
      selections: [{ guid: G(6), start: 3, end: 4, userGuid: G(1), createdAt: 0, codings: [{ guid: G(7), codeGuid: G(3), userGuid: G(1), createdAt: 0 }], noteGuids: [] }],
    },
  ],
  notes: [],
  links: [],
};

describe('REFI-QDA writers', () => {
  it('escape markup, keep newlines and tabs in attributes, and write U+FFFD for each character XML cannot carry', () => {
    expect(escapeXmlText('a < b & c > d\r')).toBe('a &lt; b &amp; c &gt; d&#13;');
    expect(escapeXmlAttr('"x"\n\ty')).toBe('&quot;x&quot;&#10;&#9;y');
    expect(escapeXmlText('bell\u0001 \uFFFF lone\uD800 pair😀')).toBe('bell\uFFFD \uFFFD lone\uFFFD pair😀');
  });

  it('keep every position of an inline text that holds control characters: each becomes one U+FFFD', () => {
    const text = 'Page one\u000Cpage two,\u000B a bell\u0007 and then the quoted words.';
    const start = text.indexOf('quoted');
    const source = { ...PROJECT.sources[0]!, text, selections: [{ ...PROJECT.sources[0]!.selections[0]!, start, end: start + 'quoted words'.length }] };
    const xml = writeProject({ ...PROJECT, sources: [source] }, { text: 'inline' });
    expect(xmllint(xml, PROJECT_XSD)).toBe('');
    const [back] = parseProject(xml).sources;
    expect(back?.text).toBe(text.replace(/[\u0007\u000B\u000C]/g, '\uFFFD'));
    expect(back?.text.slice(back.selections[0]!.start, back.selections[0]!.end)).toBe('quoted words');
  });

  it('write a project that validates and reads back to the same values', () => {
    for (const text of ['inline', 'path'] as const) {
      const xml = writeProject(PROJECT, { text });
      expect(xmllint(xml, PROJECT_XSD)).toBe('');
      const p = parseProject(xml, { readSource: () => PROJECT.sources[0]!.text });
      expect(p.name).toBe(PROJECT.name);
      expect(p.users[0]?.name).toBe('Zoë\t"Z" <z>');
      expect(p.codes.map((c) => [c.name, c.isCodable, c.color])).toEqual([['Code & co', true, '#aabbcc'], ['Child 😀', false, null]]);
      expect(p.codes[0]?.description).toBe('line 1\r\nline 2 \uFFFDbell');
      expect(p.sources[0]?.text).toBe('😀 a\n  b  &');
      expect(p.sources[0]?.codings[0]).toMatchObject({ start: 3, end: 4, codeGuid: G(3) });
    }
  });

  it('write positions in code points', () => {
    expect(writeProject(PROJECT, { text: 'inline' })).toMatch(/startPosition="2" endPosition="3"/);
    expect([...codePointIndex('a😀b')]).toEqual([0, 1, 1, 2, 3]);
  });

  it('name a selection with its whole quote, however long, so that name and covered text agree', () => {
    const long = `${'word '.repeat(120)}end`;
    const source = { ...PROJECT.sources[0]!, text: long, selections: [{ ...PROJECT.sources[0]!.selections[0]!, start: 0, end: long.length }] };
    const p = parseProject(writeProject({ ...PROJECT, sources: [source] }, { text: 'inline' }));
    expect(p.sources[0]?.selections[0]?.name).toBe(long);
    expect(p.sources[0]?.selections[0]?.name?.length).toBeGreaterThan(600);
  });

  it('write a codebook that validates and reads back', () => {
    const xml = writeCodebook(PROJECT.codes, 'Concord');
    expect(xmllint(xml, CODEBOOK_XSD)).toBe('');
    expect(parseCodebook(xml).codes.map((c) => c.name)).toEqual(['Code & co', 'Child 😀']);
  });

  it('derive stable GUIDs, keeping ids that are GUIDs already', () => {
    expect(guidFor('theme', 'abc')).toBe(guidFor('theme', 'abc'));
    expect(guidFor('theme', 'abc')).not.toBe(guidFor('note', 'abc'));
    expect(guidFor('theme', 'abc')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(guidFor('code', '{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}')).toBe('1ff58b12-6f6f-4b0c-8be5-bbdc91f55294');
    expect(normalizeGuid('not a guid')).toBeNull();
  });
});
