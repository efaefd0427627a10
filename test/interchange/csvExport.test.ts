import { strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvCell } from '../../server/commands/interchange/csvExport';
import type { Services } from '../../server/services';
import { type TestDialect, testDialects, testServices } from '../helpers/env';
import { download } from './download';
import { seedStudy } from './seedStudy';

/** Splits RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

for (const dialect of testDialects()) {
  describe(`CSV exports (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect as TestDialect));
    });
    afterEach(async () => close());

    it('exports one row per coding with participant, coder, theme path, offsets, lines, quote, memo and time', async () => {
      const seed = await seedStudy(s);
      const res = await download(seed.lead.api, `/api/studies/${seed.study.id}/export/csv?what=codings`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(strFromU8(res.bytes));
      expect(header).toEqual(['study', 'participant', 'transcript', 'coder', 'theme path', 'start', 'end', 'lines', 'quote', 'memo', 'created']);
      expect(rows).toHaveLength(5);
      const ana = rows.find((r) => r[3] === 'ana')!;
      const start = seed.texts.frozen1.indexOf('my body just gets in the way');
      expect(ana).toEqual(['Fatigue — IPA 😀', 'Zoë', 'Zoë interview', 'ana', 'Living with illness > Loss of the body > Body as obstacle', String(start), String(start + 28), '2', 'my body just gets in the way', 'strong embodiment, "quoted" & <tagged>', expect.stringMatching(/^\d{4}-\d\d-\d\dT/)]);
      // ben's coding of the merged "Tiredness" is reported under "Fatigue", where it now counts.
      expect(rows.find((r) => r[3] === 'ben' && r[8] === 'I am always tired 😴')?.[4]).toBe('Living with illness > Loss of the body > Body as obstacle > Fatigue 😴');
      expect(rows.filter((r) => r[3] === 'Consensus')).toHaveLength(1);
    });

    it('exports the themes with path, level and status, including merged ones', async () => {
      const seed = await seedStudy(s);
      const res = await download(seed.users.ana!.api, `/api/studies/${seed.study.id}/export/csv?what=themes`);
      const [header, ...rows] = parseCsv(strFromU8(res.bytes));
      expect(header?.slice(0, 7)).toEqual(['id', 'path', 'label', 'level', 'level name', 'parent id', 'status']);
      expect(rows.map((r) => [r[2], r[3], r[4], r[6]])).toEqual([
        ['Living with illness', '1', 'Area', 'active'],
        ['Loss of the body', '2', 'Superordinate theme', 'active'],
        ['Body as obstacle', '3', 'Theme', 'active'],
        ['Fatigue 😴', '4', 'Sub-theme', 'active'],
        ['Tiredness', '4', 'Sub-theme', 'retired'],
      ]);
      expect(rows[4]?.[7]).toBe(seed.themes.fatigue);
    });

    it('keeps coders out of the codings export and defuses spreadsheet formulas', async () => {
      const seed = await seedStudy(s);
      expect((await download(seed.users.ben!.api, `/api/studies/${seed.study.id}/export/csv?what=codings`)).status).toBe(403);
      expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
      expect(csvCell('-1')).toBe("'-1");
      expect(csvCell(-1)).toBe('-1');
    });
  });
}
