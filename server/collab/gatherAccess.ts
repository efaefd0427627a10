import { type Access, accessContext, decideAccess } from '../../shared/access';
import type { DocRef } from '../../shared/docNames';
import type { CodebookPhase, Role } from '../../shared/domain';
import type { Database } from '../store/database';
import type { PhaseCondition } from '../ydocs/LogWriter';
import { findRole } from '../store/members';
import { findStudy } from '../store/studies';
import { findDocStudy, findTranscriptTextLength } from '../store/transcripts';
import { findUserById } from '../store/users';

/** A connection's rights on its document, as decided from the database right now. */
export interface DocAccess {
  access: Access;
  studyId: string;
  transcriptId: string | null;
  /** Awareness is reduced to {user} on this doc: a shared doc of a blind study. */
  blindAwareness: boolean;
  /**
   * On a governed document (the shared codebook) a writer may not make every change: each update
   * is judged by decideCodebookChange with these inputs (codebookGuard.ts). Null elsewhere.
   */
  governance: CodebookGovernance | null;
  /** On a layer or consensus the connection writes: the transcript's length for layerGuard. Null elsewhere. */
  integrity: LayerIntegrity | null;
  /**
   * Write access to a transcript's document is granted for its current phase (a layer while
   * coding, the consensus while reconciling): the connection's rows commit only while that phase
   * holds, whichever node changed it (issue 14 item 8). Null when the connection does not write
   * a transcript's document.
   */
  condition: PhaseCondition | null;
}

/** A layer or consensus writer: records must fit the transcript (layerGuard.ts). */
export interface LayerIntegrity {
  textLength: number;
}

export interface CodebookGovernance {
  role: Role;
  codebookPhase: CodebookPhase;
  /** The shared codebook, or the writer's own private codebook. */
  codebook: 'shared' | 'private';
}

/**
 * Gathers the decision's inputs (role, coding mode, codebook phase, independent themes and their
 * reveal, transcript phase) and asks
 * the one decision function, shared/access.ts. Null when the document's study, transcript or
 * owner (of a layer or private codebook) does not exist (4404).
 */
export async function gatherAccess(db: Database, ref: DocRef, userId: string): Promise<DocAccess | null> {
  const found = await findDocStudy(db, ref);
  if (!found) return null;
  const { studyId, transcriptId, transcriptPhase } = found;
  if ((ref.kind === 'layer' || ref.kind === 'privateCodebook' || ref.kind === 'journal') && !(await findUserById(db, ref.ownerId))) return null;
  const study = await findStudy(db, studyId);
  if (!study) return null;
  const role = await findRole(db, studyId, userId);
  const access = decideAccess(ref, accessContext(study, userId, role, transcriptPhase ?? undefined));
  // Governed documents (the shared codebook, a private codebook): each change of a writer is
  // judged by decideCodebookChange (codebookGuard.ts).
  const codebook: CodebookGovernance['codebook'] | null = ref.kind === 'codebook' ? 'shared' : ref.kind === 'privateCodebook' ? 'private' : null;
  const governance = codebook && access === 'write' && role !== null ? { role, codebookPhase: study.codebookPhase, codebook } : null;
  // A personal document (a layer, a private codebook) has one writer: its awareness is not reduced.
  const personal = ref.kind === 'layer' || ref.kind === 'privateCodebook' || ref.kind === 'journal';
  const layerDoc = ref.kind === 'layer' || ref.kind === 'consensus';
  const textLength = layerDoc && access === 'write' ? await findTranscriptTextLength(db, ref.transcriptId) : null;
  const integrity = textLength === null ? null : { textLength };
  const condition = access === 'write' && transcriptId && transcriptPhase ? { transcriptId, phase: transcriptPhase } : null;
  return { access, studyId, transcriptId, blindAwareness: study.codingMode === 'blind' && !personal, governance, integrity, condition };
}
