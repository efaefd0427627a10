/**
 * The PostgreSQL notification channels of one Concord instance and their payloads. Channels are
 * database-wide, not per schema: an instance in its own schema (each test, or two instances on
 * one database) gets channels suffixed with the schema name so that it never hears another's.
 */
export interface ClusterChannels {
  /** `<id> <doc>`: a node committed rows of `doc` up to log id `<id>`. */
  readonly docs: string;
  /** JSON `{ node, change }`: a RightsChange emitted on `node`. */
  readonly rights: string;
  /** JSON `{ n, d, u }`: an awareness update node `n` relayed on document `d` (base64 `u`). */
  readonly awareness: string;
}

export function clusterChannels(schema: string | undefined): ClusterChannels {
  const suffix = schema ? `_${schema}` : '';
  return Object.freeze({ docs: `concord_docs${suffix}`, rights: `concord_rights${suffix}`, awareness: `concord_awareness${suffix}` });
}

/** A document notice carries only (doc, seq): nodes fetch the rows themselves, by query. */
export interface DocNotice {
  doc: string;
  id: number;
}

export function encodeDocNotice(n: DocNotice): string {
  return `${n.id} ${n.doc}`;
}

export function decodeDocNotice(payload: string): DocNotice | null {
  const space = payload.indexOf(' ');
  if (space <= 0) return null;
  const id = Number(payload.slice(0, space));
  const doc = payload.slice(space + 1);
  return Number.isSafeInteger(id) && id > 0 && doc.length > 0 ? { doc, id } : null;
}
