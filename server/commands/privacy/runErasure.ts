import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type AuditEvent, isRedacted } from '../../../shared/auditChain';
import { canonicalJson } from '../../../shared/canonicalJson';
import { docRegistryFor } from '../../ydocs/withDoc';
import { newId } from '../../ids';
import type { RightsChange } from '../../buses/rightsBus';
import type { Services } from '../../services';
import { appendAudit, listAudit, redactAuditEvents } from '../../store/audit';
import type { Database } from '../../store/database';
import { type FreedSpace, deleteDocs, purgeFreedSpace, storedDocsWithPrefix } from '../../store/docErasure';
import { type BackupRecord, type ErasureRecord, insertErasure, listBackupsBefore } from '../../store/erasures';
import type { Actor } from '../access/actor';

/** The audit action of an erasure; such events are never themselves redacted. */
export const ERASE_ACTION = 'privacy.erase';

/** What one erasure removes, prepared by the erase commands (erase.ts, eraseUser.ts). */
export interface ErasurePlan {
  kind: ErasureRecord['kind'];
  /** `participant:<id>` etc.: ids only, never a name. */
  target: string;
  reason: string;
  /** Studies whose trails get the redactions and the erasure event (none when the study goes). */
  chains: string[];
  /** Study of the erasure record (null for a user). */
  studyId: string | null;
  /** Documents to delete whole: a name with everything below it (`transcripts/<tid>/`, `studies/<sid>/codebook`). */
  docPrefixes: string[];
  /** Audit events mentioning any of these ids (target or data) lose their data. */
  ids: string[];
  /** Audit events whose data holds one of these exact strings (an e-mail) lose their data. */
  values: string[];
  /** Deletes the rows in the erasure's transaction; returns counts. */
  deleteRows: (trx: Database) => Promise<Record<string, number>>;
  rights: RightsChange[];
  /** What the erasure does to a finalised analysis, confirmed by the lead. */
  consequences: string[];
}

export interface ErasureReport {
  erasureId: string;
  kind: ErasureRecord['kind'];
  target: string;
  at: number;
  counts: Record<string, number>;
  /** Audit events whose data was replaced by a redaction marker, per study. */
  redactedAuditEvents: Record<string, number[]>;
  /** Scheme 1 events that mention the target and could not be redacted without breaking the chain. */
  unredactableAuditEvents: Record<string, number[]>;
  consequences: string[];
  /** Copies that still hold what was erased: recorded backups and files beside the database. */
  backups: Array<BackupRecord | { path: string; at: number; bytes: number; unrecorded: true }>;
  freed: FreedSpace;
}

/**
 * Runs an erasure (docs/privacy.md): one transaction deletes the rows and the documents' logs,
 * redacts the audit events that mention the target, appends the erasure event to each trail
 * and records the erasure; then open documents are dropped (their connections close), whatever
 * a commit in flight added is deleted, and the database files are purged of freed pages.
 */
export async function runErasure(s: Services, actor: Actor, plan: ErasurePlan): Promise<ErasureReport> {
  const at = s.now();
  const erasureId = newId();
  const backups = [...(await listBackupsBefore(s.db, at)), ...copiesBesideDatabase(s)];
  const redactedAuditEvents: Record<string, number[]> = {};
  const unredactableAuditEvents: Record<string, number[]> = {};
  let counts: Record<string, number> = {};
  const docs = new Set<string>();
  await s.db.transaction().execute(async (trx) => {
    for (const d of await docsUnder(trx, plan.docPrefixes)) docs.add(d);
    counts = await plan.deleteRows(trx);
    counts.documents = docs.size;
    counts.documentUpdates = await deleteDocs(trx, [...docs]);
    for (const studyId of plan.chains) {
      const seqs = (await listAudit(trx, studyId)).filter((e) => mentions(e, plan)).map((e) => e.seq);
      const { redacted, kept } = await redactAuditEvents(trx, studyId, seqs, { redacted: { at, erasureId } });
      redactedAuditEvents[studyId] = redacted;
      if (kept.length) unredactableAuditEvents[studyId] = kept;
      await appendAudit(trx, {
        studyId,
        actorId: actor.user.id,
        action: ERASE_ACTION,
        target: plan.target,
        data: { erasureId, kind: plan.kind, reason: plan.reason, counts, redactedEvents: redacted.length, consequences: plan.consequences },
        at,
      });
    }
    await insertErasure(trx, {
      id: erasureId,
      at,
      actorId: actor.user.id,
      kind: plan.kind,
      target: plan.target,
      studyId: plan.studyId,
      reason: plan.reason,
      details: { counts, consequences: plan.consequences, redactedAuditEvents, unredactableAuditEvents, backups: backups.map((b) => ({ path: b.path, at: b.at })) },
    });
  });
  for (const change of plan.rights) s.rights.emit(change);
  // Open documents go after the commit: a commit in flight may still add rows, deleted next.
  await docRegistryFor(s).forget([...docs]);
  for (const d of await docsUnder(s.db, plan.docPrefixes)) docs.add(d);
  counts.documentUpdates = (counts.documentUpdates ?? 0) + (await deleteDocs(s.db, [...docs]));
  const freed = await purgeFreedSpace(s.db, { vacuum: true });
  s.log.info('privacy.erased', { erasureId, kind: plan.kind, target: plan.target, ...counts });
  return { erasureId, kind: plan.kind, target: plan.target, at, counts, redactedAuditEvents, unredactableAuditEvents, consequences: plan.consequences, backups, freed };
}

/** Stored documents named `p` or below it (`p/...`; a `p` ending in `/` is a folder). */
async function docsUnder(db: Database, prefixes: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of prefixes) {
    const folder = p.endsWith('/') ? p : `${p}/`;
    for (const d of await storedDocsWithPrefix(db, p)) if (d === p || d.startsWith(folder)) out.push(d);
  }
  return out;
}

function mentions(e: AuditEvent, plan: ErasurePlan): boolean {
  if (e.action === ERASE_ACTION || isRedacted(e.data)) return false;
  const data = canonicalJson(e.data);
  if (plan.ids.some((id) => e.target.includes(id) || data.includes(id))) return true;
  return plan.values.length > 0 && stringsIn(e.data).some((v) => plan.values.includes(v));
}

function stringsIn(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsIn);
  if (v && typeof v === 'object') return Object.values(v).flatMap(stringsIn);
  return [];
}

/**
 * Files in the data folder besides the live database: copies such as `concord restore` leaves
 * (concord.db.before-restore-*), which hold whatever they held when they were made.
 */
function copiesBesideDatabase(s: Services): Array<{ path: string; at: number; bytes: number; unrecorded: true }> {
  if (s.dialect !== 'sqlite') return [];
  let names: string[];
  try {
    names = readdirSync(s.config.dataDir);
  } catch {
    return [];
  }
  const live = new Set(['concord.db', 'concord.db-wal', 'concord.db-shm']);
  return names
    .filter((n) => !live.has(n) && n.startsWith('concord.db'))
    .map((n) => {
      const st = statSync(join(s.config.dataDir, n));
      return { path: join(s.config.dataDir, n), at: st.mtimeMs, bytes: st.size, unrecorded: true as const };
    });
}
