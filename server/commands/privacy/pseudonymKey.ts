import { type IdentifierKind, NUMBERED_KINDS, numberedLabel } from '../../../shared/privacy/identifierKinds';
import type { KeyEntry } from '../../../shared/privacy/pseudonymisation';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type StoredKeyEntry, addKeyEntries, deleteKey, listKey } from '../../store/pseudonymKeys';
import { csvDocument } from '../interchange/render/csv';
import { type Actor, authorizeStudy } from '../access/actor';
import { type ErasureReport, runErasure } from './runErasure';

/**
 * The study's pseudonymisation key (docs/privacy.md): leads only ('pseudonyms.key'). Every read
 * is an export of the real names, so every read is audited (format and count, never an entry).
 */
export async function exportKey(s: Services, actor: Actor, studyId: string, format: 'json' | 'csv'): Promise<{ entries: StoredKeyEntry[]; csv: string }> {
  await authorizeStudy(s, actor, studyId, 'pseudonyms.key');
  const entries = await listKey(s.db, studyId);
  await s.db.transaction().execute((trx) =>
    appendAudit(trx, { studyId, actorId: actor.user.id, action: 'pseudonym_key.export', target: `study:${studyId}`, data: { format, entries: entries.length }, at: s.now() }),
  );
  const csv = csvDocument(['original', 'replacement', 'kind', 'participant_id', 'created_at'], entries.map((e) => [e.original, e.replacement, e.kind, e.participantId, new Date(e.createdAt).toISOString()]));
  return { entries, csv };
}

/**
 * Adds the lead's own terms to the key (the participant's real name, their clinic, their town):
 * every later import proposes them wherever they occur. A term without a replacement gets the
 * next free label of its kind (default `term`: "[Term 3]").
 */
export async function addKeyTerms(s: Services, actor: Actor, studyId: string, terms: ReadonlyArray<{ original: string; replacement?: string | undefined; kind?: IdentifierKind | undefined }>): Promise<{ added: number }> {
  await authorizeStudy(s, actor, studyId, 'pseudonyms.key');
  const now = s.now();
  return s.db.transaction().execute(async (trx) => {
    const used = new Set((await listKey(trx, studyId)).map((e) => e.replacement));
    const entries: KeyEntry[] = terms.map((t) => {
      const kind = t.kind ?? 'term';
      let replacement = t.replacement;
      if (!replacement) {
        const numbered = (kind in NUMBERED_KINDS ? kind : 'term') as keyof typeof NUMBERED_KINDS;
        for (let n = 0; !replacement || used.has(replacement); n++) replacement = numberedLabel(numbered, n);
      }
      used.add(replacement);
      return { original: t.original, replacement, kind };
    });
    const added = await addKeyEntries(trx, studyId, entries, { userId: actor.user.id, participantId: null, now });
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'pseudonym_key.terms', target: `study:${studyId}`, data: { added }, at: now });
    return { added };
  });
}

/**
 * Deletes the key on its own (the study's data stays pseudonymised, and can no longer be
 * re-identified from Concord), as an erasure: recorded, backups listed, files purged.
 */
export async function eraseKey(s: Services, actor: Actor, studyId: string, reason: string): Promise<ErasureReport> {
  await authorizeStudy(s, actor, studyId, 'pseudonyms.key');
  return runErasure(s, actor, {
    kind: 'pseudonym-key',
    target: `pseudonym-key:${studyId}`,
    reason,
    chains: [studyId],
    studyId,
    docPrefixes: [],
    ids: [],
    values: [],
    deleteRows: async (trx) => ({ pseudonymKeyEntries: await deleteKey(trx, studyId) }),
    rights: [],
    consequences: [],
  });
}
