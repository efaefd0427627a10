import { estimateText, fixed } from './format';
import type { Estimate } from '../../../shared/agreement';

/**
 * One coefficient as text. An undefined one reads "n/a" and carries its reason as a tooltip:
 * a blank would look like missing data, and a 1 or 0 would be a number nobody computed.
 */
export function Figure({ estimate, show = fixed }: { estimate: Estimate; show?: (x: number) => string }) {
  const { text, title } = estimateText(estimate, show);
  return title ? (
    <abbr className="na" title={title}>
      {text}
    </abbr>
  ) : (
    <span className="num">{text}</span>
  );
}
