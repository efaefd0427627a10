import { invalidLayerRecords } from '../../shared/coding';
import type { UpdateGuard } from '../ydocs/Room';

/**
 * The guard of a layer (or consensus) writer: every record an update writes must be one the
 * coding model would accept for this transcript (shared/coding invalidLayerRecords). Threat: a
 * client that bypasses the model and writes a statement or coding anchored outside the
 * transcript, or a malformed record, which every reader would then skip; the whole update is
 * refused and the connection closed with 4403, so the document never holds it.
 */
export function layerGuard(textLength: number): UpdateGuard {
  return {
    review(_before, after, changed) {
      const problems = invalidLayerRecords(after, changed, textLength);
      return problems.length === 0 ? null : `records the coding model refuses: ${problems.slice(0, 3).join('; ')}`;
    },
  };
}
