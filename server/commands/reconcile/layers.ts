import { forbidden, notFound } from '../../errors';
import type { Services } from '../../services';
import { latestLayerSnapshot } from '../../store/layerSnapshots';
import type { Actor } from '../access/actor';
import { reconcileContext } from './access';

/**
 * A coder's layer as it stood when the transcript entered reconciliation (the latest reveal), for
 * the auditor's view. Leads, auditors and admins read it whenever it exists; coders once the
 * transcript is revealed, when every layer is open to every member anyway.
 */
export async function layerAtReveal(s: Services, actor: Actor, transcriptId: string, ownerId: string) {
  const ctx = await reconcileContext(s, actor, transcriptId, 'study.read');
  if (ctx.acting === 'coder' && ctx.transcript.phase === 'coding') throw forbidden('layers open when the transcript enters reconciliation');
  const snap = await latestLayerSnapshot(s.db, transcriptId, ownerId);
  if (!snap) throw notFound('layer snapshot');
  return { transcriptId, ownerId, takenAt: snap.takenAt, takenBy: snap.takenBy, sha256: snap.sha256, layer: snap.layer };
}
