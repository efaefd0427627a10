import type { Database } from './database';

/**
 * The coders who have a layer document on a transcript: every `transcripts/<tid>/layers/<uid>`
 * that has at least one stored update. (Snapshots exist only for documents with updates.)
 */
export async function layerOwners(db: Database, transcriptId: string): Promise<string[]> {
  const prefix = `transcripts/${transcriptId}/layers/`;
  const rows = await db
    .selectFrom('doc_updates')
    .select('doc')
    .distinct()
    .where('doc', '>=', prefix)
    .where('doc', '<', prefix + '\uffff')
    .execute();
  return rows.map((r) => r.doc.slice(prefix.length)).sort();
}

/** The users who have a private codebook in a study: every `studies/<sid>/codebooks/<uid>` with an update. */
export async function privateCodebookOwners(db: Database, studyId: string): Promise<string[]> {
  const prefix = `studies/${studyId}/codebooks/`;
  const rows = await db
    .selectFrom('doc_updates')
    .select('doc')
    .distinct()
    .where('doc', '>=', prefix)
    .where('doc', '<', prefix + '\uffff')
    .execute();
  return rows.map((r) => r.doc.slice(prefix.length)).sort();
}
