import { useCallback, useEffect, useMemo, useState } from 'react';
import { codebookMapDocName } from '../../../shared/docNames';
import type { CodebookReconcileView } from '../../../shared/reconcile/codebookReconcileTypes';
import { ApiError, api, type User } from '../api';
import { takeEarly } from '../earlyData';
import { codebookReconciliationUrl } from '../../../shared/pageRoutes';
import { useProgressiveRows } from '../components/useProgressiveRows';
import { Link } from '../router';
import { useDoc } from '../workspace/useDoc';
import { count } from './format';
import { PrivateThemeCard } from './PrivateThemeCard';

type Open = { themeId: string; op: 'map' | 'merge' | 'promote' | 'exclude'; into?: string } | null;

/**
 * The codebook reconciliation (issue 15 item 2), for leads (read-only for auditors): every
 * coder's private themes beside the shared codebook, with suggested matches and the lead's
 * decisions. The decisions live in the server-written `studies/<sid>/codebookMap` document: this
 * view listens to it and re-reads the server's view whenever anyone decides, so every open copy
 * stays current.
 */
export function CodebookReconcilePage({ studyId, me }: { studyId: string; me: User }) {
  const [view, setView] = useState<CodebookReconcileView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [filter, setFilter] = useState<'all' | 'undecided'>('all');
  const load = useCallback(async () => {
    try {
      setView(await takeEarly<CodebookReconcileView>(codebookReconciliationUrl(studyId), me.id));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'the codebook reconciliation could not be loaded');
    }
  }, [studyId, me.id]);
  const live = useDoc(view?.revealed ? codebookMapDocName(studyId) : null);
  useEffect(() => {
    void load();
  }, [load, live.version]);
  const names = useMemo(() => new Map((view?.coders ?? []).map((c) => [c.id, c.name])), [view]);
  const openFor = useCallback((themeId: string, initial: { op: 'map' | 'merge' | 'promote' | 'exclude'; into?: string } | null) => setOpen(initial ? { themeId, ...initial } : null), []);
  const reload = useCallback(() => void load(), [load]);
  const listed = useMemo(() => (view?.coders ?? []).map((c) => c.themes.filter((t) => filter === 'all' || t.decision === null)), [view, filter]);
  // A study's 250 private themes are 7,800 elements: the first screenful first, the rest in steps (as the table of themes).
  const shown = useProgressiveRows(listed.reduce((n, l) => n + l.length, 0));

  if (error) return <div className="page"><p className="error" role="alert">{error}</p></div>;
  if (!view) return <div className="page">Loading…</div>;
  const reveal = async () => {
    await api('POST', `/api/studies/${studyId}/themes/reveal`, {});
    await load();
  };
  const { summary } = view;
  return (
    <div className="page codebook-reconcile">
      <p className="crumbs">
        <Link to="/">Studies</Link> / <Link to={`/studies/${studyId}`}>{view.study.title}</Link> / <Link to={`/studies/${studyId}/reconcile`}>Reconciliation</Link> /
      </p>
      <h1>Codebook reconciliation</h1>
      <p className="muted small">
        {view.canDecide
          ? 'For each coder’s private theme, map it onto an existing theme, merge it with other coders’ themes into a new shared theme, promote it as it is, or keep it out of the consensus, with a rationale. Codings and statements follow the decision.'
          : 'Read-only: the coders’ private themes, the suggested matches and the lead’s decisions.'}
      </p>
      {!view.revealed ? (
        <div className="notice" role="status">
          The coders’ private themes are not revealed yet.{' '}
          {view.canReveal ? <button type="button" onClick={() => void reveal()}>Reveal the themes</button> : 'A lead reveals them to reconcile the codebooks.'}
        </div>
      ) : (
        <p className="cr-summary" role="status">
          {summary.decided} of {summary.privateThemes} private themes decided; {summary.unmapped} unmapped, counted as disagreements in agreement
          {summary.excluded ? `; ${summary.excluded} kept out of the consensus` : ''}.
        </p>
      )}
      <div className="cr-layout">
        <section className="cr-shared" aria-labelledby="cr-shared-h">
          <h2 id="cr-shared-h">Shared codebook</h2>
          <ul className="theme-list">
            {view.shared.map((t) => (
              <li key={t.id} style={{ paddingLeft: `${(t.depth - 1) * 1}rem` }} className={t.status === 'retired' ? 'muted' : undefined}>
                <span className="swatch" style={{ background: t.color }} aria-hidden="true" /> {t.label}{' '}
                <span className="muted small">{t.levelName}{t.lines !== null ? ` · ${count(t.lines, 'line')}` : ''}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="cr-coders" aria-label="Coders’ private themes" aria-busy={shown < listed.reduce((n, l) => n + l.length, 0)}>
          <label className="cr-filter small">
            Show{' '}
            <select value={filter} onChange={(e) => setFilter(e.target.value as 'all' | 'undecided')}>
              <option value="all">every private theme</option>
              <option value="undecided">undecided themes only</option>
            </select>
          </label>
          {view.coders.length === 0 && <p className="muted">No private theme to reconcile{view.revealed ? '' : ' that you may see yet'}.</p>}
          {view.coders.map((c, i) => {
            const before = listed.slice(0, i).reduce((n, l) => n + l.length, 0);
            return (
              <section key={c.id} aria-labelledby={`cr-coder-${c.id}`}>
                <h2 id={`cr-coder-${c.id}`}>{c.name}’s private themes <span className="muted small">({c.themes.filter((t) => t.decision).length} of {c.themes.length} decided)</span></h2>
                {listed[i]!.slice(0, Math.max(0, shown - before)).map((t) => (
                  <PrivateThemeCard
                    key={t.id}
                    view={view}
                    theme={t}
                    names={names}
                    open={open?.themeId === t.id ? open : null}
                    onOpen={openFor}
                    onDecided={reload}
                  />
                ))}
              </section>
            );
          })}
        </section>
      </div>
    </div>
  );
}
