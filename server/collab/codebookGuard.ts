import { decideCodebookChange } from '../../shared/access';
import { type CodebookEdit, codebookChanges, editsFromDocs, malformedCases, predictCodebookEdits } from '../../shared/themes';
import type { UpdateGuard } from '../ydocs/Room';
import type { CodebookGovernance } from './gatherAccess';

/**
 * The guard of a codebook writer: every change an update makes is decided by the same function
 * the REST governance commands use (shared/access.ts). Threat: a coder renaming, retiring,
 * merging, finalising or deleting a theme over the socket, which REST refuses them (issue 14
 * item 3); the whole update is refused and the connection closed with 4403.
 *
 * Two readers of the update feed the one decision (issue 19): `predict` reads the decoded update
 * against the document without applying it (decides the plain cases, one Yjs apply per change);
 * `review` reads the trial on the room's copy, the fallback for what the prediction leaves.
 */
export function codebookGuard(who: CodebookGovernance): UpdateGuard {
  const judge = (edits: readonly CodebookEdit[]): string | null => {
    // Bad input, not a right: a personal theme whose case is not a transcript id (the boards).
    const malformed = malformedCases(edits);
    if (malformed.length > 0) return `malformed case of theme ${malformed.slice(0, 3).join(', ')}`;
    const refused = codebookChanges(edits).filter((change) => decideCodebookChange(change, who) !== 'allowed');
    return refused.length === 0 ? null : `a ${who.role} may not make these codebook changes: ${refused.join(', ')}`;
  };
  return {
    review: (before, after, changed) => judge(editsFromDocs(before, after, changed)),
    predict(doc, update) {
      const edits = predictCodebookEdits(doc, update);
      return edits === null ? null : { refusal: judge(edits) };
    },
  };
}
