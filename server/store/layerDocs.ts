import type { Database } from './database';

/**
 * The last path segment of every document under `prefix` that is stored: has a logged update, or
 * a snapshot. A history rewrite (a coder deleted a note or re-linked a statement, docs/privacy.md)
 * replaces every logged row by a snapshot, so the log alone would lose the document.
 */
async function ownersUnder(db: Database, prefix: string): Promise<string[]> {
  const logged = await db.selectFrom('doc_updates').select('doc').distinct().where('doc', '>=', prefix).where('doc', '<', prefix + '\uffff').execute();
  const snapshotted = await db.selectFrom('doc_snapshots').select('doc').where('doc', '>=', prefix).where('doc', '<', prefix + '\uffff').execute();
  return [...new Set([...logged, ...snapshotted].map((r) => r.doc.slice(prefix.length)))].sort();
}

/**
 * The coders who have a layer document on a transcript: every `transcripts/<tid>/layers/<uid>`
 * that is stored (a logged update or a snapshot).
 */
export function layerOwners(db: Database, transcriptId: string): Promise<string[]> {
  return ownersUnder(db, `transcripts/${transcriptId}/layers/`);
}

/** The users who have a reflexive journal in a study: every stored `studies/<sid>/journals/<uid>`. */
export function journalOwners(db: Database, studyId: string): Promise<string[]> {
  return ownersUnder(db, `studies/${studyId}/journals/`);
}

/** The users who have a private codebook in a study: every stored `studies/<sid>/codebooks/<uid>`. */
export function privateCodebookOwners(db: Database, studyId: string): Promise<string[]> {
  return ownersUnder(db, `studies/${studyId}/codebooks/`);
}
