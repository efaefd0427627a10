import type { Database } from './database';

/** The last path segment of every document under `prefix` that has at least one stored update. */
async function ownersUnder(db: Database, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('doc_updates')
    .select('doc')
    .distinct()
    .where('doc', '>=', prefix)
    .where('doc', '<', prefix + '\uffff')
    .execute();
  return rows.map((r) => r.doc.slice(prefix.length)).sort();
}

/**
 * The coders who have a layer document on a transcript: every `transcripts/<tid>/layers/<uid>`
 * that has at least one stored update. (Snapshots exist only for documents with updates.)
 */
export function layerOwners(db: Database, transcriptId: string): Promise<string[]> {
  return ownersUnder(db, `transcripts/${transcriptId}/layers/`);
}

/** The users who have a reflexive journal in a study: every `studies/<sid>/journals/<uid>` with an update. */
export function journalOwners(db: Database, studyId: string): Promise<string[]> {
  return ownersUnder(db, `studies/${studyId}/journals/`);
}

/** The users who have a private codebook in a study: every `studies/<sid>/codebooks/<uid>` with an update. */
export function privateCodebookOwners(db: Database, studyId: string): Promise<string[]> {
  return ownersUnder(db, `studies/${studyId}/codebooks/`);
}
