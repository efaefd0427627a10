import { memo } from 'react';
import type { CodebookReconcileView, PrivateThemeRow } from '../../../shared/reconcile/codebookReconcileTypes';
import { DecisionForm } from './DecisionForm';
import { count, decisionText, fixed2, overlapText, ownerName } from './format';

/**
 * One coder's private theme: its counts, the lead's current decision with its rationale and
 * earlier revisions, the suggested matches with their figures, and (for a lead) the decision form.
 */
export const PrivateThemeCard = memo(function PrivateThemeCard(props: {
  view: CodebookReconcileView;
  theme: PrivateThemeRow;
  names: ReadonlyMap<string, string>;
  open: { op: 'map' | 'merge' | 'promote' | 'exclude'; into?: string } | null;
  /** Opens (or, with null, closes) the decision form of theme `themeId`: one callback for every card, so a card renders again only when its own props change. */
  onOpen: (themeId: string, initial: { op: 'map' | 'merge' | 'promote' | 'exclude'; into?: string } | null) => void;
  onDecided: () => void;
}) {
  const { view, theme: t, names } = props;
  const onOpen = (initial: { op: 'map' | 'merge' | 'promote' | 'exclude'; into?: string } | null) => props.onOpen(t.id, initial);
  const labelOf = (id: string) => view.shared.find((x) => x.id === id)?.label ?? view.coders.flatMap((c) => c.themes).find((x) => x.id === id)?.label ?? id;
  const headingId = `cr-theme-${t.id}`;
  const d = t.decision;
  return (
    <article className={`card cr-theme${d ? ` cr-${d.op}` : ' cr-undecided'}`} aria-labelledby={headingId}>
      <div className="card-head">
        <span className="swatch" style={{ background: t.color }} aria-hidden="true" />
        <h3 id={headingId} className="theme-label">{t.label}</h3>
        {t.pathLabels.length > 1 && <span className="muted small">under {t.pathLabels.slice(0, -1).join(' › ')}</span>}
        <span className="muted small">{count(t.codings, 'coding')} · {count(t.lines, 'line')}</span>
        {view.canDecide && !props.open && (
          <span className="card-actions">
            <button type="button" onClick={() => onOpen({ op: d?.op ?? 'map' })}>
              {d ? 'Revise' : 'Decide'}<span className="sr-only">{d ? ' the decision on' : ' on'} {t.label}</span>…
            </button>
          </span>
        )}
      </div>
      <p className="cr-status">
        <strong>{decisionText(t, labelOf)}</strong>
        {d && (
          <>
            {' '}— “{d.rationale}” <span className="muted small">({d.byName}, revision {d.revision})</span>
          </>
        )}
      </p>
      {d && d.history.length > 0 && (
        <details className="small">
          <summary>Earlier decisions ({d.history.length})</summary>
          <ol>
            {d.history.map((h) => (
              <li key={h.revision}>
                {h.op}{h.target ? ` → ${labelOf(h.target)}` : ''}: “{h.rationale}” ({h.byName}, {new Date(h.at).toLocaleString()})
              </li>
            ))}
          </ol>
        </details>
      )}
      {t.suggestions.length > 0 ? (
        <ul className="cr-suggestions" aria-label={`Suggested matches for ${t.label}`}>
          {t.suggestions.map((m) => (
            <li key={m.themeId}>
              <span className="cr-match">{m.label}</span> <span className="muted small">({ownerName(m.owner, names)})</span>{' '}
              <span className="small">name {fixed2(m.nameSimilarity)} · {overlapText(m)}</span>
              {view.canDecide && (
                <button type="button" className="link small" onClick={() => onOpen({ op: m.owner === null ? 'map' : 'merge', into: m.themeId })}>
                  {m.owner === null ? 'Map onto it' : 'Merge with it'}
                  <span className="sr-only"> ({t.label} {m.owner === null ? 'onto' : 'with'} {m.label})</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No suggested match.</p>
      )}
      {props.open && <DecisionForm view={view} theme={t} names={names} initial={props.open} onDone={() => { onOpen(null); props.onDecided(); }} onCancel={() => onOpen(null)} />}
    </article>
  );
});
