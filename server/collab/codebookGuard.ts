import { decideCodebookChange } from '../../shared/access';
import { codebookChanges, malformedCases } from '../../shared/themes';
import type { UpdateGuard } from '../ydocs/Room';
import type { CodebookGovernance } from './gatherAccess';

/**
 * The guard of a codebook writer: every change an update makes is decided by the same function
 * the REST governance commands use (shared/access.ts). Threat: a coder renaming, retiring,
 * merging, finalising or deleting a theme over the socket, which REST refuses them (issue 14
 * item 3); the whole update is refused and the connection closed with 4403.
 */
export function codebookGuard(who: CodebookGovernance): UpdateGuard {
  return {
    review(before, after, changed) {
      const refused = [...codebookChanges(before, after, changed)].filter((change) => decideCodebookChange(change, who) !== 'allowed');
      // Bad input, not a right: a personal theme whose case is not a transcript id (the boards).
      const malformed = malformedCases(after, changed);
      if (malformed.length > 0) return `malformed case of theme ${malformed.slice(0, 3).join(', ')}`;
      return refused.length === 0 ? null : `a ${who.role} may not make these codebook changes: ${refused.join(', ')}`;
    },
  };
}
