import { useEffect, useMemo, useState } from 'react';
import { api, type Participant, type Study } from '../api';
import { AlphaChart } from '../agreement/AlphaChart';
import { BandBadge } from '../agreement/BandBadge';
import { Controls } from '../agreement/Controls';
import { DisagreementStrip } from '../agreement/DisagreementStrip';
import { Figure } from '../agreement/Figure';
import { Filters, type Universe } from '../agreement/Filters';
import { kappaOf, percent } from '../agreement/format';
import { PairMatrix } from '../agreement/PairMatrix';
import { ReadingGuide } from '../agreement/ReadingGuide';
import { download, exportName, reportCsv, reportJson } from '../agreement/reportExport';
import { ThemeTable, type ThemeRow } from '../agreement/ThemeTable';
import { UNITS, type AgreementSettings, type Unit } from '../agreement/settings';
import type { AgreementResponse } from '../../../shared/agreement';

/** What the overall "units" counts under each unit setting: the pool adds every theme's units (shared/agreement/report.ts). */
const UNIT_NOUN: Record<Unit, string> = { line: 'units (lines × themes)', turn: 'units (turns × themes)', character: 'units (characters × themes)', continuum: 'units (characters × coders × themes)' };
import { useAgreement, useRegions } from '../agreement/useAgreement';
import { Link } from '../router';

/** Settings live in the query string, so a reload or a shared link shows the same report. */
function settingsFromUrl(): AgreementSettings {
  const q = new URLSearchParams(window.location.search);
  const unit = q.get('unit');
  const bootstrap = Number(q.get('bootstrap') ?? 0);
  return {
    unit: (UNITS as readonly string[]).includes(unit ?? '') ? (unit as Unit) : 'line',
    rollup: q.get('rollup') === 'true',
    bootstrap: Number.isInteger(bootstrap) && bootstrap >= 100 ? bootstrap : 0,
    seed: 1,
    transcripts: listParam(q.get('transcripts')),
    coders: listParam(q.get('coders')),
  };
}

function union<T extends { id: string }>(a: T[], b: T[]): T[] {
  return [...a, ...b.filter((x) => !a.some((y) => y.id === x.id))];
}

const listParam = (v: string | null): string[] | null => {
  const ids = (v ?? '').split(',').filter(Boolean);
  return ids.length ? ids : null;
};

function settingsToUrl(s: AgreementSettings): void {
  const q = new URLSearchParams({ unit: s.unit });
  if (s.rollup) q.set('rollup', 'true');
  if (s.bootstrap) q.set('bootstrap', String(s.bootstrap));
  if (s.transcripts) q.set('transcripts', s.transcripts.join(','));
  if (s.coders) q.set('coders', s.coders.join(','));
  window.history.replaceState(null, '', `${window.location.pathname}?${q}`);
}

export function AgreementPage({ studyId }: { studyId: string }) {
  const [settings, setSettings] = useState(settingsFromUrl);
  const [study, setStudy] = useState<Study | null>(null);
  const [pseudonyms, setPseudonyms] = useState<Map<string, string>>(new Map());
  const report = useAgreement(studyId, settings);
  useEffect(() => {
    void api<{ study: Study }>('GET', `/api/studies/${studyId}`).then((r) => setStudy(r.study), () => undefined);
    void api<{ participants: Participant[] }>('GET', `/api/studies/${studyId}/participants`).then(
      (r) => setPseudonyms(new Map(r.participants.map((p) => [p.id, p.pseudonym]))),
      () => undefined,
    );
  }, [studyId]);
  const change = (s: AgreementSettings) => {
    settingsToUrl(s);
    setSettings(s);
  };
  const data = report.state === 'ready' ? report.data : null;
  // Everything the filters can offer: taken from a report without filters, since a filtered one
  // lists only what was chosen; a page opened with filters in its URL starts from those and grows.
  const [universe, setUniverse] = useState<Universe | null>(null);
  useEffect(() => {
    if (!data) return;
    const seen: Universe = {
      transcripts: data.transcripts.map((t) => ({ id: t.id, label: `${pseudonyms.get(t.participantId) ?? ''} ${t.title}`.trim() })),
      coders: data.report.coders.map((id) => ({ id, name: data.coders.find((c) => c.id === id)?.name ?? id })),
    };
    const unfiltered = settings.transcripts === null && settings.coders === null;
    setUniverse((prev) => (unfiltered || !prev ? seen : { transcripts: union(prev.transcripts, seen.transcripts), coders: union(prev.coders, seen.coders) }));
  }, [data, pseudonyms, settings.transcripts, settings.coders]);

  return (
    <div className="page agreement-page">
      <p className="crumbs">
        <Link to="/">Studies</Link> / <Link to={`/studies/${studyId}`}>{study?.title ?? 'Study'}</Link> /
      </p>
      <h1>Agreement</h1>
      <p className="lede">Agreement starts the conversation; it never blocks a phase change.</p>
      <p className="muted">
        These figures compare the coders’ independent layers theme by theme. Use them to find where readings differ and talk about why: a low value
        usually points to a theme whose meaning the team has not yet settled, not to a coder who got it wrong.
      </p>
      <Controls settings={settings} onChange={change} busy={report.state === 'loading'} />
      {universe && <Filters universe={universe} settings={settings} onChange={change} />}
      {data && <ExportButtons data={data} settings={settings} />}
      {report.state === 'loading' && <p className="muted" role="status">Computing agreement…</p>}
      {report.state === 'error' && (
        <p className={report.status === 403 ? 'notice' : 'error'} role="alert">
          {report.status === 403 && <strong>Not available to you yet: </strong>}
          {report.message}.
        </p>
      )}
      {data?.codebook && <CodebookNotice studyId={studyId} codebook={data.codebook} />}
      {data && <Report data={data} settings={settings} pseudonyms={pseudonyms} />}
      <ReadingGuide />
    </div>
  );
}

/**
 * Agreement is computed on mapped themes (codebook reconciliation): a coder's private theme not
 * yet mapped is a category of its own, so its codings count as disagreements. Says how many.
 */
function CodebookNotice({ studyId, codebook }: { studyId: string; codebook: NonNullable<AgreementResponse['codebook']> }) {
  const { unmapped, excluded } = codebook;
  if (unmapped === 0 && excluded === 0) return null;
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return (
    <p className="notice codebook-notice" role="note">
      {unmapped > 0 && <>{plural(unmapped, 'private theme')} unmapped, counted as disagreements. </>}
      {excluded > 0 && <>{plural(excluded, 'private theme')} kept out of the consensus, {excluded === 1 ? 'its' : 'their'} codings not counted. </>}
      <Link to={`/studies/${studyId}/codebook`}>Codebook reconciliation</Link>
    </p>
  );
}

function ExportButtons({ data, settings }: { data: AgreementResponse; settings: AgreementSettings }) {
  return (
    <div className="row export-row">
      <button className="secondary" onClick={() => download(exportName(settings, 'csv'), 'text/csv;charset=utf-8', reportCsv(data))}>
        Export CSV
      </button>
      <button className="secondary" onClick={() => download(exportName(settings, 'json'), 'application/json', reportJson(data, settings))}>
        Export JSON
      </button>
    </div>
  );
}

function Report({ data, settings, pseudonyms }: { data: AgreementResponse; settings: AgreementSettings; pseudonyms: Map<string, string> }) {
  const coderCount = data.report.coders.length;
  const rows: ThemeRow[] = useMemo(() => {
    const measures = new Map(data.report.themes.map((t) => [t.themeId, t]));
    return data.themes.flatMap((t) => {
      const m = measures.get(t.id);
      return m ? [{ id: t.id, label: t.label, depth: t.path.length, levelName: t.levelName, measures: m }] : [];
    });
  }, [data]);
  const transcriptIds = useMemo(() => data.transcripts.map((t) => t.id), [data]);
  const regions = useRegions(transcriptIds, settings.rollup, settings.coders);
  const labels = new Map(data.themes.map((t) => [t.id, t.label]));
  const overall = data.report.overall;
  const kappa = kappaOf(overall, coderCount);

  if (coderCount < 2) return <p className="notice">Agreement needs at least two coders with layers on the same transcripts; so far there {coderCount === 1 ? 'is one' : 'are none'}.</p>;
  return (
    // The data-* attributes say which report is on screen, so a reader (or a test) can tell a
    // finished switch of unit or roll-up from the previous report still being shown.
    <div className="report" data-unit={data.report.unit} data-hierarchy={data.report.hierarchy} data-ci={overall.ci ? 'yes' : 'no'}>
      <section className="summary-cards" aria-label="overall agreement">
        <div className="card stat">
          <span className="stat-label">Overall α{data.report.unit === 'continuum' ? ' (|u-α)' : ''}</span>
          <span className="stat-value" data-stat="alpha"><Figure estimate={overall.alpha} /></span>
          <BandBadge band={overall.bands.alpha} long />
        </div>
        <div className="card stat">
          <span className="stat-label">{kappa.name}</span>
          <span className="stat-value" data-stat="kappa"><Figure estimate={kappa.estimate} /></span>
          {overall.bands.kappa && <span className="muted small">{overall.bands.kappa}</span>}
        </div>
        <div className="card stat">
          <span className="stat-label">% agreement</span>
          <span className="stat-value" data-stat="percent"><Figure estimate={overall.percentAgreement} show={percent} /></span>
          <span className="muted small">prevalence {overall.prevalence === null ? 'n/a' : percent(overall.prevalence)}</span>
        </div>
        <div className="card stat">
          <span className="stat-label">Coders · transcripts · {UNIT_NOUN[data.report.unit]}</span>
          <span className="stat-value small-value" data-stat="units">
            {coderCount} · {data.transcripts.length} · {overall.units.toLocaleString('en')}
          </span>
          <span className="muted small">{data.coders.map((c) => c.name).join(', ')}</span>
        </div>
      </section>

      <section>
        <h2>Per theme</h2>
        {rows.length === 0 ? <p className="muted">No themes to compare yet.</p> : <ThemeTable rows={rows} coderCount={coderCount} unit={data.report.unit} />}
      </section>

      {rows.length > 0 && (
        <section>
          <h2>α per theme</h2>
          <div className="card chart-card">
            <AlphaChart rows={rows.map((r) => ({ id: r.id, label: r.label, depth: r.depth, alpha: r.measures.alpha, band: r.measures.bands.alpha, ...(r.measures.ci ? { ci: r.measures.ci } : {}) }))} />
            <p className="muted small">Dashed lines mark .667 (tentative) and .800 (reliable). Bars show each theme pooled over all selected transcripts.</p>
          </div>
        </section>
      )}

      <section>
        <h2>Coder pairs</h2>
        <PairMatrix data={data} />
      </section>

      <section>
        <h2>Where coders disagree</h2>
        <p className="muted small">
          Each bar is a transcript from its first line to its last. Marks show where coders differ, one lane each: <span className="kind-dot kind-presence" /> one
          coder only (top), <span className="kind-dot kind-category" /> different themes (middle), <span className="kind-dot kind-boundary" /> same theme, different
          extent (bottom). Click a mark to open the lines.
        </p>
        <div className="card strips">
          {data.transcripts.map((t) => (
            <DisagreementStrip
              key={t.id}
              transcript={t}
              pseudonym={pseudonyms.get(t.participantId) ?? ''}
              measures={data.report.transcripts.find((r) => r.transcriptId === t.id)}
              regions={regions[t.id] ?? { state: 'loading' }}
              themeLabel={(id) => labels.get(id) ?? id}
            />
          ))}
        </div>
      </section>
    </div>
  );
}
