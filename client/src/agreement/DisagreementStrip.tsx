import { Figure } from './Figure';
import type { DisagreementKind, DisagreementRegion, MeasureSet } from './types';

export type RegionsState = { state: 'loading' } | { state: 'shown'; regions: DisagreementRegion[] } | { state: 'withheld'; reason: string };

export const KIND_TEXT: Record<DisagreementKind, string> = {
  presence: 'one coder only',
  category: 'different themes',
  boundary: 'different extent',
};

const WIDTH = 1000;
const HEIGHT = 30;
/** One lane per kind, so a category region and a boundary region on the same lines stay visible. */
const LANE: Record<DisagreementKind, number> = { presence: 0, category: 1, boundary: 2 };
const LANE_H = HEIGHT / 3;

/**
 * Where along one transcript the coders disagree: the transcript as a bar from its first to its
 * last line, each disagreement region a mark at its lines, coloured by kind, linking to the
 * lines in the transcript. The regions come from the disagreements endpoint, which refuses
 * callers who may not read every layer (blind mode before reveal); the strip then says why.
 */
export function DisagreementStrip(props: {
  transcript: { id: string; title: string; lines: number };
  pseudonym: string;
  measures: MeasureSet | undefined;
  regions: RegionsState;
  themeLabel: (id: string) => string;
}) {
  const { transcript, regions, themeLabel } = props;
  const total = Math.max(1, transcript.lines);
  const href = (r: DisagreementRegion) => `/transcripts/${transcript.id}${r.lines ? `#l-${r.lines.from}` : ''}`;
  return (
    <div className="strip-row" data-transcript={transcript.id}>
      <div className="strip-head">
        <strong>{props.pseudonym}</strong> <span>{transcript.title}</span>
        {props.measures && (
          <span className="muted small"> · α <Figure estimate={props.measures.alpha} /></span>
        )}
        {regions.state === 'shown' && <span className="muted small"> · {regions.regions.length} disagreement{regions.regions.length === 1 ? '' : 's'}</span>}
      </div>
      {regions.state === 'loading' && <p className="muted small">Loading disagreements…</p>}
      {regions.state === 'withheld' && <p className="muted small strip-withheld">{regions.reason}</p>}
      {regions.state === 'shown' && (
        <>
          <svg className="strip" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="group" aria-label={`disagreements along ${transcript.title}`}>
            <rect x={0} y={0} width={WIDTH} height={HEIGHT} className="strip-bg" />
            {regions.regions.map((r) => {
              const from = r.lines?.from ?? 1;
              const to = r.lines?.to ?? from;
              const x = ((from - 1) / total) * WIDTH;
              const w = Math.max(2, ((to - from + 1) / total) * WIDTH);
              return (
                <a key={r.key} href={href(r)} aria-label={`${r.lines?.label ?? ''} ${themeLabel(r.themeId)}: ${KIND_TEXT[r.kind]}`}>
                  <rect x={x} y={LANE[r.kind] * LANE_H + 0.5} width={w} height={LANE_H - 1} className={`region kind-${r.kind}`}>
                    <title>{`${r.lines?.label ?? ''} ${themeLabel(r.themeId)}: ${KIND_TEXT[r.kind]}`}</title>
                  </rect>
                </a>
              );
            })}
          </svg>
          <div className="strip-scale muted small" aria-hidden>
            <span>l. 1</span>
            <span>l. {transcript.lines}</span>
          </div>
          {regions.regions.length > 0 && (
            <ul className="region-list small">
              {regions.regions.slice(0, 5).map((r) => (
                <li key={r.key}>
                  <a href={href(r)}>{r.lines?.label ?? 'span'}</a> <span className={`kind-dot kind-${r.kind}`} /> {themeLabel(r.themeId)}: {KIND_TEXT[r.kind]}
                </li>
              ))}
              {regions.regions.length > 5 && <li className="muted">and {regions.regions.length - 5} shorter {regions.regions.length - 5 === 1 ? 'one' : 'ones'}</li>}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
