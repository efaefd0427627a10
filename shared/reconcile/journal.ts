import * as Y from 'yjs';
import { z } from 'zod';
import { randomId } from '../randomId';

/**
 * A coder's reflexive journal (issue 15 item 6), document `studies/<sid>/journals/<uid>`: IPA asks
 * each analyst to record their own assumptions as the analysis goes. One Y.Map `entries` of
 * entry id -> `{ id, text, at }` (one writer, so whole values). Private under the private
 * codebook's rule (shared/access.ts), read by auditors, exported with the reconciliation record.
 */
export const JOURNAL_ENTRIES = 'entries';
export const journalEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  text: z.string().trim().min(1).max(10_000),
  at: z.number().int().nonnegative(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** Adds an entry; throws a RangeError (and writes nothing) when the text is empty or too long. */
export function addJournalEntry(doc: Y.Doc, input: { id?: string; text: string; at: number }): JournalEntry {
  const parsed = journalEntrySchema.safeParse({ id: input.id ?? randomId(), text: input.text, at: input.at });
  if (!parsed.success) throw new RangeError(`journal entry: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  doc.transact(() => doc.getMap<unknown>(JOURNAL_ENTRIES).set(parsed.data.id, parsed.data));
  return parsed.data;
}

/** The entries oldest first; a malformed value is skipped and reported, never thrown. */
export function readJournal(doc: Y.Doc): { entries: JournalEntry[]; problems: string[] } {
  const entries: JournalEntry[] = [];
  const problems: string[] = [];
  for (const [key, value] of doc.getMap<unknown>(JOURNAL_ENTRIES).entries()) {
    const parsed = journalEntrySchema.safeParse(value instanceof Y.AbstractType ? null : value);
    if (!parsed.success || parsed.data.id !== key) problems.push(`journal entry ${JSON.stringify(key.slice(0, 80))} ignored`);
    else entries.push(parsed.data);
  }
  return { entries: entries.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)), problems: problems.sort() };
}
