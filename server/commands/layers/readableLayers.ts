import { type AccessContext, decideAccess } from '../../../shared/access';
import { type Layer, readLayer } from '../../../shared/coding';
import { type DocRef, docName } from '../../../shared/docNames';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { layerOwners } from '../../store/layerDocs';
import type { TranscriptMeta } from '../../store/transcripts';

/** Whose work a layer holds: one coder's, or the team's consensus. */
export type LayerSource = { kind: 'coder'; coderId: string } | { kind: 'consensus' };

export interface ReadableLayer {
  source: LayerSource;
  layer: Layer;
}

/** The access context of one transcript for a caller (role as in the study, not as admin). */
export type CallerContext = Omit<AccessContext, 'transcriptPhase'>;

/**
 * The layers of a transcript that the caller may read, decided per layer by decideAccess, the
 * same function that guards the WebSocket: a REST view built from layers must never show what
 * the caller's own real-time subscription would be refused (blind coding, unrevealed consensus).
 * Hidden layers are counted, not read, so the view can say that something is withheld.
 */
export async function readableLayers(s: Services, ctx: CallerContext, transcript: TranscriptMeta, textLength: number): Promise<{ layers: ReadableLayer[]; hidden: number }> {
  const access: AccessContext = { ...ctx, transcriptPhase: transcript.phase };
  const refs: Array<{ ref: DocRef; source: LayerSource }> = (await layerOwners(s.db, transcript.id)).map((ownerId) => ({
    ref: { kind: 'layer', transcriptId: transcript.id, ownerId },
    source: { kind: 'coder', coderId: ownerId },
  }));
  refs.push({ ref: { kind: 'consensus', transcriptId: transcript.id }, source: { kind: 'consensus' } });
  const layers: ReadableLayer[] = [];
  let hidden = 0;
  for (const { ref, source } of refs) {
    if (decideAccess(ref, access) === 'none') {
      // The consensus doc exists for every transcript in principle; only a coder's layer is "withheld work".
      if (source.kind === 'coder') hidden++;
      continue;
    }
    layers.push({ source, layer: await withDoc(s, docName(ref), (doc) => readLayer(doc, textLength)) });
  }
  return { layers, hidden };
}
