import type { CarriedProject, CarriedSource } from '../../shared/refi';
import type { Database } from './database';

/** What an import carried for the export (shared/refi/carried.ts); written in the import's transaction. */
export async function insertCarriedProject(db: Database, studyId: string, data: CarriedProject): Promise<void> {
  await db.insertInto('interchange_projects').values({ study_id: studyId, data: JSON.stringify(data) }).execute();
}

export async function insertCarriedSource(db: Database, studyId: string, transcriptId: string, data: CarriedSource): Promise<void> {
  await db.insertInto('interchange_sources').values({ transcript_id: transcriptId, study_id: studyId, data: JSON.stringify(data) }).execute();
}

export async function findCarriedProject(db: Database, studyId: string): Promise<CarriedProject | null> {
  const r = await db.selectFrom('interchange_projects').select('data').where('study_id', '=', studyId).executeTakeFirst();
  return r ? (JSON.parse(r.data) as CarriedProject) : null;
}

/** Carried sources by transcript id. */
export async function listCarriedSources(db: Database, studyId: string): Promise<Map<string, CarriedSource>> {
  const rows = await db.selectFrom('interchange_sources').select(['transcript_id', 'data']).where('study_id', '=', studyId).execute();
  return new Map(rows.map((r) => [r.transcript_id, JSON.parse(r.data) as CarriedSource]));
}
