import { useEffect, useMemo, useState } from 'react';
import { api, type Study } from '../api';
import { ExtractList } from '../browse/ExtractList';
import type { BrowseResponse, BrowsedTheme, ThemeCounts } from '../../../shared/themes/browseTypes';
import { Link } from '../router';
import { ImportedGroups } from './ImportedGroups';

const plural = (n: number, noun: string) => (n === 1 ? noun : `${noun}s`);

function themeFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get('theme');
}

/**
 * The theme browser (issue 4 item 6): the tree with counts, and a theme's coded extracts with
 * their citations. Everything comes from one request, computed by the server from the layers this
 * user may read, so a blind coder's browser holds their own work only.
 */
export function ThemeBrowserPage({ studyId }: { studyId: string }) {
  const [data, setData] = useState<BrowseResponse | null>(null);
  const [study, setStudy] = useState<Study | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(themeFromUrl);
  const [withSubThemes, setWithSubThemes] = useState(true);
  useEffect(() => {
    api<BrowseResponse>('GET', `/api/studies/${studyId}/themes/browse`).then(setData, (e: unknown) => setError(e instanceof Error ? e.message : 'cannot load the themes'));
    void api<{ study: Study }>('GET', `/api/studies/${studyId}`).then((r) => setStudy(r.study), () => undefined);
  }, [studyId]);
  const select = (id: string) => {
    window.history.replaceState(null, '', `${window.location.pathname}?theme=${encodeURIComponent(id)}`);
    setSelected(id);
  };
  const theme = data?.themes.find((t) => t.id === selected) ?? null;
  const extracts = useMemo(() => {
    if (!data || !theme) return [];
    const inScope = (themeId: string) => themeId === theme.id || (withSubThemes && (data.themes.find((t) => t.id === themeId)?.path.includes(theme.id) ?? false));
    return data.extracts.filter((e) => inScope(e.themeId));
  }, [data, theme, withSubThemes]);

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!data) return <div className="page">Loading…</div>;
  const countsOf = (t: BrowsedTheme): ThemeCounts => (withSubThemes ? t.totals : t.counts);
  const labelOf = new Map(data.themes.map((t) => [t.id, t.label]));
  return (
    <div className="page browse-page">
      <p className="crumbs">
        <Link to="/">Studies</Link> / <Link to={`/studies/${studyId}`}>{study?.title ?? 'Study'}</Link> /
      </p>
      <h1>Themes and extracts</h1>
      {data.scope.hiddenLayers > 0 && study && study.role === null && (
        <p className="notice" role="note">
          As an administrator who is not a member of this study, you see the codebook and its structure but no coder’s work.
        </p>
      )}
      {data.scope.hiddenLayers > 0 && study?.role && (
        <p className="notice" role="note">
          {data.scope.hiddenLayers} coder layer{data.scope.hiddenLayers === 1 ? ' is' : 's are'} not included: in blind coding, each coder’s work stays private until
          its transcript enters reconciliation.
        </p>
      )}
      <label className="check">
        <input type="checkbox" checked={withSubThemes} onChange={(e) => setWithSubThemes(e.target.checked)} />
        Include sub-themes in counts and extracts
      </label>
      <div className="browse">
        <nav className="card theme-tree" aria-label="theme tree">
          {data.themes.length === 0 && <p className="muted">The codebook has no themes yet.</p>}
          <ul>
            {data.themes.map((t) => {
              const c = countsOf(t);
              return (
                <li key={t.id} data-theme={t.id} className={`${t.id === selected ? 'selected' : ''} status-${t.status}${t.mergedInto ? ' merged' : ''}`} style={{ paddingLeft: `${(t.depth - 1) * 1.1}rem` }}>
                  <button className="theme-pick" onClick={() => select(t.id)} aria-pressed={t.id === selected} title={t.levelName}>
                    <span className="swatch" style={{ background: t.color }} />
                    <span className="theme-label">{t.label}</span>
                  </button>
                  <span className="theme-counts small muted">
                    {t.mergedInto ? (
                      <>merged into {labelOf.get(t.mergedInto) ?? 'another theme'}</>
                    ) : (
                      <>
                        <span data-count="codings">{c.codings}</span> {plural(c.codings, 'coding')} · <span data-count="participants">{c.participants}</span>{' '}
                        {plural(c.participants, 'participant')} · <span data-count="transcripts">{c.transcripts}</span> {plural(c.transcripts, 'transcript')}
                        {c.consensusCodings > 0 && <> · {c.consensusCodings} consensus</>}
                      </>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
          <ImportedGroups studyId={studyId} kind="themes" onPickTheme={select} />
        </nav>
        <section className="extracts-pane" aria-label="extracts">
          {!theme && <p className="muted">Choose a theme to read its extracts.</p>}
          {theme && (
            <>
              <h2>{theme.label}</h2>
              <p className="muted small">
                {theme.levelName}
                {theme.status !== 'active' && ` · ${theme.status}`}
                {theme.description && ` · ${theme.description}`}
              </p>
              {theme.mergedInto && (
                <p className="notice" role="note">
                  Merged into{' '}
                  <button className="link" onClick={() => select(theme.mergedInto!)}>
                    {labelOf.get(theme.mergedInto) ?? 'another theme'}
                  </button>
                  : its codings count there now, and are listed there.
                </p>
              )}
              <ExtractList extracts={extracts} themeLabel={(id) => labelOf.get(id) ?? id} showTheme={withSubThemes} focus={theme.id} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
