import type { Database } from './database';

/** The table of migrations/0002, declared here so the shared schema type stays untouched. */
type LayerSnapshotTable = {
  layer_snapshots: {
    transcript_id: string;
    owner_id: string;
    taken_at: number;
    taken_by: string | null;
    layer: string;
    sha256: string;
    state: Uint8Array;
  };
};

export interface LayerSnapshot {
  transcriptId: string;
  ownerId: string;
  takenAt: number;
  takenBy: string | null;
  layer: unknown;
  sha256: string;
  state: Uint8Array;
}

const table = (db: Database) => db.withTables<LayerSnapshotTable>();

export async function insertLayerSnapshot(db: Database, s: Omit<LayerSnapshot, 'layer'> & { layerJson: string }): Promise<void> {
  await table(db)
    .insertInto('layer_snapshots')
    .values({ transcript_id: s.transcriptId, owner_id: s.ownerId, taken_at: s.takenAt, taken_by: s.takenBy, layer: s.layerJson, sha256: s.sha256, state: s.state })
    .execute();
}

/** The newest snapshot of a coder's layer on a transcript (the latest reveal), or null. */
export async function latestLayerSnapshot(db: Database, transcriptId: string, ownerId: string): Promise<LayerSnapshot | null> {
  const r = await table(db)
    .selectFrom('layer_snapshots')
    .selectAll()
    .where('transcript_id', '=', transcriptId)
    .where('owner_id', '=', ownerId)
    .orderBy('taken_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r) return null;
  return { transcriptId: r.transcript_id, ownerId: r.owner_id, takenAt: Number(r.taken_at), takenBy: r.taken_by, layer: JSON.parse(r.layer) as unknown, sha256: r.sha256, state: new Uint8Array(r.state) };
}

/** Owners with a snapshot on a transcript. */
export async function snapshotOwners(db: Database, transcriptId: string): Promise<string[]> {
  const rows = await table(db).selectFrom('layer_snapshots').select('owner_id').distinct().where('transcript_id', '=', transcriptId).execute();
  return rows.map((r) => r.owner_id).sort();
}
