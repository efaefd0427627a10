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
 *   only its owner writes and nobody else but auditors reads until the themes are revealed;
 * - the codebook reconciliation (decisions on private themes) is read under the same rule and
 *   written by the server only;
 * - the write-up of the table of themes (key quotes, order) is read by every member, as the
 *   table is, and written by the server only.
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
  if (doc.kind === 'journal') {
    // A reflexive journal records the analyst's own assumptions: its owner writes it at any
    // phase; others read it under the private codebook's rule (auditors always, see above).
    if (doc.ownerId === ctx.userId) return 'write';
    return ctx.independentThemes && !ctx.themesRevealed ? 'none' : 'read';
  }

  if (doc.kind === 'codebookMap') {
    // The lead's decisions on private themes name them: readable under the private codebooks'
    // rule; written by the server only (REST commands, docs/reconciliation.md).
    return ctx.independentThemes && !ctx.themesRevealed ? 'none' : 'read';
  }

  if (doc.kind === 'writeup') {
    // The lead's key quotes and write-up order: every member reads the table of themes, so every
    // member reads its write-up; the lead changes it through REST commands (audited), never here.
    // The lead may only name themes and evidence they can see, so it carries no private theme.
    return 'read';
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

/**
 * What an update to a governed document (the shared codebook) changes, as far as rights go.
 * A writer's rights there are narrower than "write": coders build the codebook together (add
 * themes, describe, recolour and place them), but renaming, the lifecycle (retire, merge,
 * finalise) and the level names are governance, which REST offers leads only and audits.
 */
export const CODEBOOK_CHANGES = [
  'theme.add',
  /** Description, colour or place in the tree. */
  'theme.edit',
  'theme.rename',
  /** Retire, merge, finalise, reactivate; also a theme created already retired or final. */
  'theme.lifecycle',
  /** Nothing is ever deleted from a codebook (shared/themes/codebookDoc.ts): codings name it. */
  'theme.delete',
  /** Who created a theme and when: written once, at creation. */
  'theme.attribution',
  'levels',
  /**
   * Content outside the codebook's layout (another root type, an unknown field of a theme):
   * readers ignore it, so it is not governance; it counts against the document's size limit. A
   * root type that comes to carry meaning gets its own kind here.
   */
  'other',
] as const;
export type CodebookChange = (typeof CODEBOOK_CHANGES)[number];

/** Who governs a study's codebook: the REST policy (server/auth/policy.ts) uses this list too. */
export const CODEBOOK_GOVERNORS = ['lead', 'admin'] as const satisfies ReadonlyArray<Role | 'admin'>;

export type CodebookVerdict = 'allowed' | 'role' | 'phase';

/**
 * The one decision for a change of a codebook (the shared one, or with `codebook: 'private'` a
 * coder's private codebook, docs/theme-model.md), whichever door it comes through: the
 * socket (every update is applied to a copy first and each change it makes is decided here) and
 * the REST governance commands. `role` is the acting role (`admin` for a non-member instance
 * admin over REST; the socket never sees one). Answers why a change is refused, or `allowed`.
 */
export function decideCodebookChange(change: CodebookChange, who: { role: Role | 'admin' | null; codebookPhase: CodebookPhase; codebook?: 'shared' | 'private' }): CodebookVerdict {
  const { role } = who;
  if (role === null || role === 'auditor') return 'role';
  if (change === 'theme.delete' || change === 'theme.attribution') return 'role';
  const governor = (CODEBOOK_GOVERNORS as ReadonlyArray<string>).includes(role);
  const building = change === 'theme.add' || change === 'theme.edit' || change === 'other';
  if (who.codebook === 'private') {
    // A private codebook (only its owner writes it, decideAccess) holds the owner's emergent
    // themes: they name, place, merge and retire them as their analysis goes; the level names
    // are the shared codebook's alone.
    if (change === 'levels') return 'role';
  } else if (!building && !governor) return 'role';
  if (who.codebookPhase === 'final') return 'phase';
  if (who.codebookPhase === 'locked' && !governor) return 'phase';
  return 'allowed';
}
