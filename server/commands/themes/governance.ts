import { codebookDocName } from '../../../shared/docNames';
import { type Theme, finaliseTheme, mergeTheme, readThemeTree, retireTheme } from '../../../shared/themes';
import { newId } from '../../ids';
import type { Services } from '../../services';
import { CommandLock, inTransaction, lockedTransaction } from '../../store/advisoryLocks';
import { appendAudit } from '../../store/audit';
import type { Database } from '../../store/database';
import { type WriteIntent, deleteWriteIntent, findWriteIntent, insertWriteIntent } from '../../store/writeIntents';
import { withDoc } from '../../ydocs/withDoc';
import type { Actor } from '../access/actor';
import { authorizeCodebookChange, getThemeTree } from './themeTree';

export type GovernanceOp = { op: 'merge'; themeId: string; into: string } | { op: 'retire'; themeId: string } | { op: 'finalise'; themeId: string };
type Note = { rationale?: string; disagreementKey?: string };

/** What a governance intent records (write_intents.data): enough to tell whether the change landed. */
interface GovernIntentData {
  op: GovernanceOp;
  note: Note;
  /** The theme's lifecycle before: a change is recognised in the codebook only if it was not so already. */
  before: { status: string; mergedInto: string | null } | null;
}

/**
 * Governance operations on themes (DESIGN.md section 4): authorised here, applied to the codebook
 * by the server through the durable path (withDoc: committed, then broadcast to every open
 * client), and recorded in the audit trail with the labels as they were, so the trail reads
 * without the codebook. The theme model validates before it writes, so a refused operation
 * changes nothing. A note (e.g. the disagreement that led to it) is kept with the event.
 *
 * All or nothing (issue 14 item 6): the codebook and the audit trail cannot commit together, so
 * an intent row is committed first, the codebook changed, then the audit event and the intent's
 * deletion commit in one transaction (`db`: the caller's, when it holds one). A crash in between
 * leaves the intent, which startup completes (the change is in the codebook: audited now) or
 * rolls back (it is not: the intent goes). On PostgreSQL the step holds the study's governance
 * lock, so that a node starting meanwhile never takes a live step for a crashed one.
 */
export async function governTheme(s: Services, actor: Actor, studyId: string, op: GovernanceOp, note: Note = {}, db: Database = s.db) {
  await authorizeCodebookChange(s, actor, studyId, 'theme.lifecycle');
  const name = codebookDocName(studyId);
  const step = async (trx: Database) => {
    const current = await withDoc(s, name, (doc) => readThemeTree(doc).byId.get(op.themeId));
    const intent: WriteIntent = { id: newId(), studyId, kind: 'govern', target: op.themeId, actorId: actor.user.id, data: { op, note, before: lifecycleOf(current) } satisfies GovernIntentData, createdAt: s.now() };
    await insertWriteIntent(s.db, intent); // committed before the codebook changes
    let labels;
    try {
      labels = await withDoc(
        s,
        name,
        (doc) => {
          const tree = readThemeTree(doc);
          const snapshot = labelsOf(op, tree.byId);
          if (op.op === 'merge') mergeTheme(doc, op.themeId, op.into);
          else if (op.op === 'retire') retireTheme(doc, op.themeId);
          else finaliseTheme(doc, op.themeId);
          return snapshot;
        },
        actor.user.id,
      );
    } catch (error) {
      await deleteWriteIntent(s.db, intent.id).catch(() => undefined); // refused: nothing changed
      throw error;
    }
    await inTransaction(trx, async (t) => {
      await auditGovernance(t, intent, labels, s.now());
      await deleteWriteIntent(t, intent.id);
    });
  };
  if (s.dialect === 'postgres') await lockedTransaction(db, CommandLock.govern, studyId, (trx) => s.docs.catchUp(name).then(() => step(trx)));
  else await step(db);
  return getThemeTree(s, actor, studyId);
}

/**
 * Completes or rolls back a governance step a crash interrupted (startup): audited when the
 * codebook shows the change and did not before, otherwise forgotten. Idempotent.
 */
export async function completeGovernIntent(s: Services, intent: WriteIntent): Promise<'completed' | 'rolled back' | 'gone'> {
  const data = intent.data as unknown as GovernIntentData;
  const name = codebookDocName(intent.studyId);
  const finish = async (trx: Database) => {
    if (!(await findWriteIntent(trx, intent.id))) return 'gone' as const;
    const byId = await withDoc(s, name, (doc) => readThemeTree(doc).byId);
    const landed = applied(data.op, byId.get(data.op.themeId)) && !applied(data.op, data.before);
    return inTransaction(trx, async (t) => {
      if (landed) await auditGovernance(t, intent, labelsOf(data.op, byId), s.now());
      await deleteWriteIntent(t, intent.id);
      return landed ? ('completed' as const) : ('rolled back' as const);
    });
  };
  if (s.dialect === 'postgres') return lockedTransaction(s.db, CommandLock.govern, intent.studyId, (trx) => s.docs.catchUp(name).then(() => finish(trx)));
  return finish(s.db);
}

/** Does the codebook show the operation's result now (a merge or retirement taken from a disagreement, at startup)? */
export async function governanceLanded(s: Services, studyId: string, op: GovernanceOp): Promise<boolean> {
  return applied(op, await withDoc(s, codebookDocName(studyId), (doc) => readThemeTree(doc).byId.get(op.themeId)));
}

function auditGovernance(db: Database, intent: WriteIntent, labels: Record<string, string | null>, at: number) {
  const { op, note } = intent.data as unknown as GovernIntentData;
  return appendAudit(db, {
    studyId: intent.studyId,
    actorId: intent.actorId,
    action: `theme.${op.op}`,
    target: `theme:${op.themeId}`,
    data: { ...op, ...labels, ...(note.rationale ? { rationale: note.rationale } : {}), ...(note.disagreementKey ? { disagreementKey: note.disagreementKey } : {}) },
    at,
  });
}

function labelsOf(op: GovernanceOp, byId: ReadonlyMap<string, Theme>): Record<string, string | null> {
  const label = (id: string) => byId.get(id)?.label ?? null;
  return { themeLabel: label(op.themeId), ...(op.op === 'merge' ? { intoLabel: label(op.into) } : {}) };
}

function lifecycleOf(theme: Theme | undefined): GovernIntentData['before'] {
  return theme ? { status: theme.status, mergedInto: theme.mergedInto } : null;
}

/** Does a theme's lifecycle show the operation's result? */
function applied(op: GovernanceOp, theme: { status: string; mergedInto: string | null } | null | undefined): boolean {
  if (!theme) return false;
  if (op.op === 'merge') return theme.status === 'retired' && theme.mergedInto === op.into;
  if (op.op === 'retire') return theme.status === 'retired' && theme.mergedInto === null;
  return theme.status === 'final';
}
