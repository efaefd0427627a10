import { type StudyRights, themesArePrivate } from '../access';
import type { Role } from '../domain';

/**
 * Whose codebook a coder's board clusters live in: their private codebook when the study's themes
 * are private (blind mode, or independent themes) and they are not a lead, else the shared one
 * (null), as for every theme they create (docs/theme-model.md, "Private codebooks").
 */
export function boardScope(study: Pick<StudyRights, 'codingMode' | 'independentThemes'>, coderId: string, coderRole: Role | null): string | null {
  return themesArePrivate(study) && coderRole !== 'lead' ? coderId : null;
}
