import type { Kysely } from 'kysely';

// Line numbering becomes a view over the transcript text (issue 17 item 1): the line map (line ->
// start and end offsets) is stored with the frozen transcript, beside its width (line_width), and
// every line reference reads it. Transcripts frozen before this migration had the wrapping
// written into their text as `\n`, so their lines are exactly the text's `\n`-separated lines;
// that is what is stored for them here, computed as linesOf did then, so no line reference an
// existing study shows changes (test/server/lineMapMigration.test.ts).
// Encoding: a JSON array of [start, end] pairs in UTF-16 offsets, line n at index n - 1.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transcripts').addColumn('line_map', 'text').execute();
  const rows = await db.selectFrom('transcripts').select(['id', 'text']).execute();
  for (const r of rows as { id: string; text: string }[]) {
    await db.updateTable('transcripts').set({ line_map: JSON.stringify(splitLines(r.text)) }).where('id', '=', r.id).execute();
  }
}

/** The lines of text frozen before issue 17: [start, end) between `\n`s; none for empty text. */
function splitLines(text: string): [number, number][] {
  const out: [number, number][] = [];
  if (text.length === 0) return out;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    out.push([start, nl < 0 ? text.length : nl]);
    if (nl < 0) return out;
    start = nl + 1;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transcripts').dropColumn('line_map').execute();
}
