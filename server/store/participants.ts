import type { Database } from './database';

export interface Participant {
  id: string;
  studyId: string;
  pseudonym: string;
  attributes: Record<string, string | number | boolean>;
  createdAt: number;
}

type Row = { id: string; study_id: string; pseudonym: string; attributes: string; created_at: number };
const toParticipant = (r: Row): Participant => ({
  id: r.id,
  studyId: r.study_id,
  pseudonym: r.pseudonym,
  attributes: JSON.parse(r.attributes) as Participant['attributes'],
  createdAt: r.created_at,
});

export async function insertParticipant(db: Database, p: Participant): Promise<void> {
  await db
    .insertInto('participants')
    .values({ id: p.id, study_id: p.studyId, pseudonym: p.pseudonym, attributes: JSON.stringify(p.attributes), created_at: p.createdAt })
    .execute();
}

export async function listParticipants(db: Database, studyId: string): Promise<Participant[]> {
  return (await db.selectFrom('participants').selectAll().where('study_id', '=', studyId).orderBy('pseudonym').execute()).map(toParticipant);
}

export async function findParticipant(db: Database, id: string): Promise<Participant | null> {
  const r = await db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toParticipant(r) : null;
}

export async function findParticipantByPseudonym(db: Database, studyId: string, pseudonym: string): Promise<Participant | null> {
  const r = await db.selectFrom('participants').selectAll().where('study_id', '=', studyId).where('pseudonym', '=', pseudonym).executeTakeFirst();
  return r ? toParticipant(r) : null;
}
