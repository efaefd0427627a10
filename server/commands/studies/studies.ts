import { DEFAULT_LINE_WIDTH, DEFAULT_RECURRENCE_RULE, type CodebookPhase, type CodingMode, type RecurrenceRule, type Role, type Terminology } from '../../../shared/domain';
import { DEFAULT_TABLE_NOTES, type TableNotesSetting } from '../../../shared/reconcile/tableNotes';
import { newId } from '../../ids';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { insertMember } from '../../store/members';
import { type Study, insertStudy, listStudies, updateStudy } from '../../store/studies';
import { type Actor, authorizeStudy } from '../access/actor';

export interface StudyInput {
  title: string;
  description?: string;
  codingMode?: CodingMode;
  terminology?: Terminology;
  lineWidth?: number;
  recurrenceRule?: RecurrenceRule;
  /** Open mode: coders' new themes stay private until reveal, as in blind mode. */
  independentThemes?: boolean;
  /** Exploratory notes in the table of themes' exports (shared/reconcile/tableNotes.ts). */
  tableNotes?: TableNotesSetting;
}

/** Any signed-in user may start a study and becomes its first lead. */
export async function createStudy(s: Services, actor: Actor, input: StudyInput): Promise<Study & { role: Role }> {
  const now = s.now();
  const study: Study = {
    id: newId(),
    title: input.title,
    description: input.description ?? '',
    codingMode: input.codingMode ?? 'blind',
    terminology: input.terminology ?? { kind: '2022' },
    lineWidth: input.lineWidth ?? DEFAULT_LINE_WIDTH,
    recurrenceRule: input.recurrenceRule ?? DEFAULT_RECURRENCE_RULE,
    codebookPhase: 'open',
    independentThemes: input.independentThemes ?? false,
    themesRevealedAt: null,
    tableNotes: input.tableNotes ?? DEFAULT_TABLE_NOTES,
    createdBy: actor.user.id,
    createdAt: now,
    updatedAt: now,
  };
  await s.db.transaction().execute(async (trx) => {
    await insertStudy(trx, study);
    await insertMember(trx, { studyId: study.id, userId: actor.user.id, role: 'lead', now });
    await appendAudit(trx, { studyId: study.id, actorId: actor.user.id, action: 'study.create', target: `study:${study.id}`, data: { title: study.title, codingMode: study.codingMode }, at: now });
  });
  return { ...study, role: 'lead' };
}

export async function getStudies(s: Services, actor: Actor) {
  return listStudies(s.db, actor.user.id, actor.user.isAdmin);
}

export async function getStudy(s: Services, actor: Actor, studyId: string) {
  const { study, role } = await authorizeStudy(s, actor, studyId, 'study.read');
  return { ...study, role };
}

export interface StudyPatch extends Partial<StudyInput> {
  codebookPhase?: CodebookPhase;
}

/**
 * Changes study settings. The line width applies to transcripts added afterwards only:
 * frozen transcripts keep their line numbers. Coding mode and codebook phase changes alter
 * rights, so open connections of the study are re-authorised.
 */
export async function patchStudy(s: Services, actor: Actor, studyId: string, patch: StudyPatch): Promise<Study> {
  const { study } = await authorizeStudy(s, actor, studyId, 'study.update');
  const now = s.now();
  const next: Study = {
    ...study,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    updatedAt: now,
  };
  const changed = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(study[k as keyof Study])),
  );
  if (Object.keys(changed).length === 0) return study;
  await s.db.transaction().execute(async (trx) => {
    await updateStudy(trx, next);
    await appendAudit(trx, { studyId, actorId: actor.user.id, action: 'study.update', target: `study:${studyId}`, data: { changed, before: Object.fromEntries(Object.keys(changed).map((k) => [k, study[k as keyof Study]])) }, at: now });
  });
  if ('codingMode' in changed || 'codebookPhase' in changed || 'independentThemes' in changed) s.rights.emit({ kind: 'study', studyId });
  return next;
}
