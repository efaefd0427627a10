import { strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as lineMapMigration from '../../migrations/0008_line_map';
import type { Services } from '../../server/services';
import { findTranscript, listTranscripts } from '../../server/store/transcripts';
import { linesOf, normalizeText, wrapText } from '../../shared/transcript';
import { type TestDialect, testDialects, testServices } from '../helpers/env';
import { download } from '../interchange/download';
import { seedStudy } from '../interchange/seedStudy';

/**
 * Issue 17 item 1: line numbers became a view (the stored line map) instead of `\n`s written into
 * the text. A study frozen before that, with the wrapping in its text, must show the same line
 * references after the migration: here the transcripts are put back into that old state (hard
 * wrapped text, no stored map), the references are read the old way, the migration runs, and the
 * same references are read from the stored map.
 */
for (const dialect of testDialects()) {
  describe(`line map migration (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect as TestDialect));
    });
    afterEach(async () => close());

    it('stores, for a transcript frozen the old way, exactly the lines it showed: CSV line references unchanged', async () => {
      const seed = await seedStudy(s);
      const width = 24;
      for (const meta of await listTranscripts(s.db, seed.study.id)) {
        const row = (await findTranscript(s.db, meta.id))!;
        // The old freeze replaced each single space at a wrap with `\n`: same length, same offsets.
        const old = wrapText(normalizeText(row.text), width).text;
        expect(old.length).toBe(row.text.length);
        await s.db.updateTable('transcripts').set({ text: old, line_width: width, line_map: null }).where('id', '=', meta.id).execute();
      }
      const csv = async () => strFromU8((await download(seed.lead.api, `/api/studies/${seed.study.id}/export/csv?what=codings`)).bytes);
      const before = await csv();
      const citedBefore = [...before.matchAll(/,(\d+(?:-\d+)?),/g)].map((m) => m[1]);
      expect(citedBefore.some((l) => l?.includes('-'))).toBe(true);

      await lineMapMigration.down(s.db);
      await lineMapMigration.up(s.db);

      for (const meta of await listTranscripts(s.db, seed.study.id)) {
        const stored = await s.db.selectFrom('transcripts').select(['text', 'line_map']).where('id', '=', meta.id).executeTakeFirstOrThrow();
        expect(stored.line_map).not.toBeNull();
        expect((await findTranscript(s.db, meta.id))!.lines).toEqual(linesOf(stored.text));
        expect(linesOf(stored.text).length).toBeGreaterThan(2);
      }
      expect(await csv()).toBe(before);
    });
  });
}
