import type { CodebookPhase, CodingMode, Role, TranscriptPhase } from './domain';
import type { DocRef } from './docNames';

export const ACCESS = ['none', 'read', 'write'] as const;
export type Access = (typeof ACCESS)[number];

/** Everything the decision depends on; gathered by the server from the database. */
export interface AccessContext {
  userId: string;
  /** The user's role in the document's study; null for a non-member. */
  role: Role | null;
  codingMode: CodingMode;
  codebookPhase: CodebookPhase;
  /**
   * Coders' new themes are private (their own codebook document) until the themes are revealed:
   * always in blind mode, and in open mode when the study turns on "independent themes".
   */
  independentThemes: boolean;
  /** The lead revealed the coders' private codebooks (explicitly or with a transcript's reveal). */
  themesRevealed: boolean;
  /** The transcript's phase; absent for the codebook. */
  transcriptPhase?: TranscriptPhase;
}

/**
 * The one place where access to a real-time document is decided (DESIGN.md section 4,
 * house style rule 7). Pure, so the server and the tests use the same function and the
 * client can explain a refusal.
 *
 * Decisions beyond the table, recorded in docs/permissions.md:
 * - auditors read every document of their study at every phase and write none;
 * - a layer is written only by its owner, and only while its transcript is `coding`
 *   (the owner must be a lead or coder: auditors do not code);
 * - in `blind` mode not even a lead reads another coder's layer before `reconciling`;
 * - nothing is writable once a transcript is `final`, or the codebook once it is `final`;
 * - the discussion is written by the server only (REST commands through withDoc);
 * - under independent themes (blind mode, or open mode with the setting) the shared codebook is
 *   the lead's: coders read it and write their new themes into their private codebook, which
 *   only its owner writes and nobody else but auditors reads until the themes are revealed.
 */
export function decideAccess(doc: DocRef, ctx: AccessContext): Access {
  const { role } = ctx;
  if (role === null) return 'none';
  if (role === 'auditor') return 'read';

  if (doc.kind === 'codebook') {
    if (ctx.codebookPhase === 'final') return 'read';
    if (role === 'lead') return 'write';
    if (ctx.independentThemes) return 'read';
    return ctx.codebookPhase === 'open' ? 'write' : 'read';
  }
  if (doc.kind === 'privateCodebook') {
    if (doc.ownerId === ctx.userId) {
      // The owner's own themes follow the codebook phase as the shared codebook does for them.
      if (ctx.codebookPhase === 'final') return 'read';
      return role === 'lead' || ctx.codebookPhase === 'open' ? 'write' : 'read';
    }
    return ctx.independentThemes && !ctx.themesRevealed ? 'none' : 'read';
  }

  const phase = ctx.transcriptPhase ?? 'coding';
  switch (doc.kind) {
    case 'layer': {
      const own = doc.ownerId === ctx.userId;
      if (phase === 'coding') {
        if (own) return 'write';
        return ctx.codingMode === 'open' ? 'read' : 'none';
      }
      return 'read';
    }
    case 'consensus':
      if (phase === 'coding') return 'none';
      return phase === 'reconciling' && role === 'lead' ? 'write' : 'read';
    case 'discussion':
      return phase === 'coding' ? 'none' : 'read';
  }
}

/** The study settings the decision reads (a server `Study` and the client's study JSON both have them). */
export interface StudyRights {
  codingMode: CodingMode;
  codebookPhase: CodebookPhase;
  independentThemes: boolean;
  themesRevealedAt: number | null;
}

/** Whether coders' new themes are private: always in blind mode, in open mode with the setting. */
export const themesArePrivate = (study: Pick<StudyRights, 'codingMode' | 'independentThemes'>): boolean => study.codingMode === 'blind' || study.independentThemes;

/** The decision's context for a user in a study; every caller builds it here so none forgets a field. */
export function accessContext(study: StudyRights, userId: string, role: Role | null, transcriptPhase?: TranscriptPhase): AccessContext {
  return {
    userId,
    role,
    codingMode: study.codingMode,
    codebookPhase: study.codebookPhase,
    independentThemes: themesArePrivate(study),
    themesRevealed: study.themesRevealedAt !== null,
    ...(transcriptPhase ? { transcriptPhase } : {}),
  };
}
