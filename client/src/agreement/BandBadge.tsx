import { bandLabel } from './format';
import type { MeasureSet } from './types';

export function BandBadge({ band }: { band: MeasureSet['bands']['alpha'] }) {
  return <span className={`band band-${band ?? 'na'}`}>{bandLabel(band)}</span>;
}
