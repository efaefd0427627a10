import { docName } from '../../../shared/docNames';
import { finaliseTheme, mergeTheme, readThemeTree, retireTheme } from '../../../shared/themes';
import { type CodebookChange, decideCodebookChange } from '../../../shared/access';
import { conflict, forbidden } from '../../errors';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type Actor, type StudyAccess, authorizeStudy } from '../access/actor';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';

export const codebookDocName = (studyId: string) => docName({ kind: 'codebook', studyId });

/** The study's theme tree as every client reads it (the read rule applied). */
export async function getThemeTree(s: Services, actor: Actor, studyId: string) {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  return loadThemeTree(s, studyId, viewerOf(access, actor.user.id));
}

/**
 * A change of the codebook through REST, decided by the function that decides the same change
 * over the socket (shared/access.ts decideCodebookChange), so the two doors cannot disagree.
 */
export async function authorizeCodebookChange(s: Services, actor: Actor, studyId: string, change: CodebookChange): Promise<StudyAccess> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const verdict = decideCodebookChange(change, { role: access.acting, codebookPhase: access.study.codebookPhase });
  if (verdict === 'role') throw forbidden(`your role (${access.acting}) may not make this codebook change (${change})`);
  if (verdict === 'phase') throw conflict(`the codebook is ${access.study.codebookPhase}; reopen it before changing themes`);
  return access;
}

type GovernanceOp =
  | { op: 'merge'; themeId: string; into: string }
  | { op: 'retire'; themeId: string }
  | { op: 'finalise'; themeId: string };

/**
 * Governance operations on themes (DESIGN.md section 4): authorised here, applied to the codebook
 * by the server through the durable path (withDoc: committed, then broadcast to every open
 * client), and recorded in the audit trail with the labels as they were, so the trail reads
 * without the codebook. The theme model validates before it writes, so a refused operation
 * changes nothing. A note (e.g. the disagreement that led to it) is kept with the event.
 */
export async function governTheme(s: Services, actor: Actor, studyId: string, op: GovernanceOp, note?: { rationale?: string; disagreementKey?: string }) {
  await authorizeCodebookChange(s, actor, studyId, 'theme.lifecycle');
  const before = await withDoc(
    s,
    codebookDocName(studyId),
    (doc) => {
      const tree = readThemeTree(doc);
      const label = (id: string) => tree.byId.get(id)?.label ?? null;
      const snapshot = { themeLabel: label(op.themeId), ...(op.op === 'merge' ? { intoLabel: label(op.into) } : {}) };
      if (op.op === 'merge') mergeTheme(doc, op.themeId, op.into);
      else if (op.op === 'retire') retireTheme(doc, op.themeId);
      else finaliseTheme(doc, op.themeId);
      return snapshot;
    },
    actor.user.id,
  );
  const now = s.now();
  await s.db.transaction().execute((trx) =>
    appendAudit(trx, {
      studyId,
      actorId: actor.user.id,
      action: `theme.${op.op}`,
      target: `theme:${op.themeId}`,
      data: { ...op, ...before, ...(note?.rationale ? { rationale: note.rationale } : {}), ...(note?.disagreementKey ? { disagreementKey: note.disagreementKey } : {}) },
      at: now,
    }),
  );
  return getThemeTree(s, actor, studyId);
}
