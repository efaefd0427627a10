import { bandLabel } from './format';
import type { MeasureSet } from '../../../shared/agreement';

const SHORT = { reliable: 'reliable', tentative: 'tentative', unreliable: 'low: discuss' } as const;

/** The alpha band; in tables a short word with the thresholds as tooltip, keeping rows one line high. */
export function BandBadge({ band, long = false }: { band: MeasureSet['bands']['alpha']; long?: boolean }) {
  const text = band === null ? 'n/a' : long ? bandLabel(band) : SHORT[band];
  return (
    <span className={`band band-${band ?? 'na'}`} title={band === null ? 'alpha is undefined here' : bandLabel(band)}>
      {text}
    </span>
  );
}
