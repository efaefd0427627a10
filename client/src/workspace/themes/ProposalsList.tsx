import { useState } from 'react';
import { describeThemeChange, type ThemeTree } from '../../../../shared/themes';
import type { Proposals } from './useProposals';

/**
 * Proposals to change governed themes, in the theme panel: a lead sees the open ones with Accept
 * and Decline; a coder sees their own with where they stand. Nothing shows when there is none.
 */
export function ProposalsList({ proposals, tree, governs, nameOf }: { proposals: Proposals; tree: ThemeTree; governs: boolean; nameOf: (userId: string) => string }) {
  const [error, setError] = useState<string | null>(null);
  const shown = governs ? proposals.list.filter((p) => p.status === 'open') : proposals.list.slice(0, 10);
  if (shown.length === 0 && !proposals.error) return null;
  const label = (id: string) => tree.byId.get(id)?.label ?? 'a theme';
  return (
    <section className="proposals" aria-label={governs ? 'proposals to decide' : 'your proposals'}>
      <h3>{governs ? `Proposals (${shown.length})` : 'Your proposals'}</h3>
      {(error ?? proposals.error) && <p className="error small" role="alert">{error ?? proposals.error}</p>}
      <ul>
        {shown.map((p) => (
          <li key={p.id} className={`proposal ${p.status}`}>
            <span>
              {governs ? `${nameOf(p.proposerId)}: ` : ''}“{label(p.themeId)}”, {describeThemeChange(p.change, label)}
              {!governs && <em className="muted small"> ({p.status})</em>}
            </span>
            {governs && (
              <span className="proposal-actions">
                {(['accept', 'decline'] as const).map((d) => (
                  <button
                    key={d}
                    type="button"
                    className={d === 'accept' ? 'small' : 'secondary small'}
                    aria-label={`${d} ${nameOf(p.proposerId)}’s proposal: ${label(p.themeId)}, ${describeThemeChange(p.change, label)}`}
                    onClick={() => proposals.decide(p.id, d).then(() => setError(null), (e: unknown) => setError(e instanceof Error ? e.message : `could not ${d}`))}
                  >
                    {d === 'accept' ? 'Accept' : 'Decline'}
                  </button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
