import { decideCodebookChange } from '../../../../shared/access';
import type { CodebookPhase, Role } from '../../../../shared/domain';
import { codebookChangeOf, type Theme, type ThemeChangeKind } from '../../../../shared/themes';

/** How this user may make a change to a theme: write it, propose it to the lead, or not at all. */
export type ChangeRoute = 'own' | 'shared' | 'propose' | null;

export interface EditRights {
  meId: string;
  role: Role | null;
  codebookPhase: CodebookPhase;
  /** decideAccess answers `write` for the shared codebook (and the connection is not refused). */
  writesShared: boolean;
  /** The same for the user's own private codebook. */
  writesPrivate: boolean;
}

/**
 * Where a change to `theme` goes, from the one decision the server makes too
 * (shared/access.ts decideCodebookChange): the user's private theme into their private codebook,
 * a shared theme into the shared codebook when the user writes it and the change is theirs to
 * make, otherwise a proposal to the lead (coders, while the codebook is not final). The server
 * judges every update again; this only picks the door.
 */
export function routeOf(theme: Theme, kind: ThemeChangeKind, r: EditRights): ChangeRoute {
  const change = codebookChangeOf(kind);
  if (theme.owner !== null) {
    if (theme.owner !== r.meId || !r.writesPrivate) return null;
    return decideCodebookChange(change, { role: r.role, codebookPhase: r.codebookPhase, codebook: 'private' }) === 'allowed' ? 'own' : null;
  }
  if (r.writesShared && decideCodebookChange(change, { role: r.role, codebookPhase: r.codebookPhase }) === 'allowed') return 'shared';
  return r.role === 'coder' && r.codebookPhase !== 'final' ? 'propose' : null;
}

/** Whether the user may change or propose anything about this theme (shows its Edit button). */
export const editable = (theme: Theme, r: EditRights) => (['rename', 'describe', 'recolour', 'move', 'retire'] as const).some((k) => routeOf(theme, k, r) !== null);
