import { type CodebookMergePlan, applyCodebookMerge, parseCodebook, planCodebookMerge } from '../../../shared/refi';
import { readThemeTree } from '../../../shared/themes';
import { withDoc } from '../../ydocs/withDoc';
import { conflict } from '../../errors';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type Actor, authorizeStudy } from '../access/actor';
import { assertRefiSize, displayName, readRefi } from './refiErrors';
import { parseUpload } from '../uploads/UploadParser';
import { codebookDocName } from '../../../shared/docNames';

export interface CodebookImportResult {
  plan: CodebookMergePlan;
  warnings: readonly string[];
  origin: string | null;
  /** False for a preview. */
  merged: boolean;
}

/** Parses a .qdc; runs in the upload worker (commands/uploadWorker), never on the server thread. */
export function readCodebookFile(bytes: Uint8Array, fileName: string) {
  assertRefiSize(bytes, fileName);
  return readRefi(() => parseCodebook(new TextDecoder('utf-8').decode(bytes), fileName));
}

/**
 * Previews (`merge: false`) or merges a .qdc into the study's codebook. Merging needs the codebook
 * open: a locked or final codebook is the team's agreed structure, changed only by governance.
 * The plan is computed inside the document transaction, against the tree as it is at that moment.
 */
export async function importCodebook(s: Services, actor: Actor, studyId: string, bytes: Uint8Array, options: { merge: boolean; fileName?: string }): Promise<CodebookImportResult> {
  const { study } = await authorizeStudy(s, actor, studyId, 'codebook.govern');
  const book = await parseUpload<ReturnType<typeof readCodebookFile>>(s, { kind: 'codebook', name: displayName(options.fileName ?? 'codebook.qdc'), bytes });
  if (options.merge && study.codebookPhase !== 'open') throw conflict(`the codebook is ${study.codebookPhase}; reopen it before merging a codebook file`);
  const now = s.now();
  const plan = await withDoc(
    s,
    codebookDocName(studyId),
    (doc) => {
      const p = planCodebookMerge(book.codes, readThemeTree(doc));
      if (options.merge) applyCodebookMerge(doc, p, actor.user.id, now);
      return p;
    },
    actor.user.id,
  );
  const changed = plan.added.length + plan.renamed.length + plan.unchanged.filter((u) => u.changes.length > 0).length;
  if (options.merge) {
    await s.db.transaction().execute((trx) =>
      appendAudit(trx, {
        studyId,
        actorId: actor.user.id,
        action: 'codebook.import',
        target: `study:${studyId}`,
        data: { fileName: options.fileName ?? null, origin: book.origin, added: plan.added.map((a) => a.label), renamed: plan.renamed.map((r) => ({ from: r.from, to: r.to })), unchanged: plan.unchanged.length, skipped: plan.skipped.length, changed },
        at: now,
      }),
    );
  }
  return { plan, warnings: book.warnings, origin: book.origin, merged: options.merge };
}
