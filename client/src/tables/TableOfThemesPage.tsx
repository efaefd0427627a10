import { useEffect, useState } from 'react';
import type { ThemeTable } from '../../../shared/reconcile';
import { api, type Study } from '../api';
import { Link } from '../router';
import { CaseView } from './CaseView';
import { ExportLinks } from './exportLinks';
import { ExtractCell } from './ExtractCell';
import { unwrapTable } from './unwrap';

/**
 * The table of themes (issue 6 item 4): the study's theme hierarchy against its participants,
 * from the consensus layers, with each participant's extracts and line references and the
 * recurrence of each theme against the study's rule, flagged where it falls short. The server
 * computes it; this page lays it out and links the exports. `?case=<participant>` shows one
 * participant's personal themes instead.
 */
export function TableOfThemesPage({ studyId }: { studyId: string }) {
  const [table, setTable] = useState<ThemeTable | null>(null);
  const [study, setStudy] = useState<Study | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showExtracts, setShowExtracts] = useState(true);
  const [caseId, setCaseId] = useState<string | null>(() => new URLSearchParams(window.location.search).get('case'));
  useEffect(() => {
    api('GET', `/api/studies/${studyId}/themes/table?format=json`).then((r) => setTable(unwrapTable<ThemeTable>(r)), (e: unknown) => setError(e instanceof Error ? e.message : 'cannot load the table of themes'));
    void api<{ study: Study }>('GET', `/api/studies/${studyId}`).then((r) => setStudy(r.study), () => undefined);
  }, [studyId]);
  const chooseCase = (id: string | null) => {
    window.history.replaceState(null, '', id ? `${window.location.pathname}?case=${encodeURIComponent(id)}` : window.location.pathname);
    setCaseId(id);
  };

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!table) return <div className="page">Loading…</div>;
  return (
    <div className="page wide tt-page">
      <p className="crumbs">
        <Link to="/">Studies</Link> / <Link to={`/studies/${studyId}`}>{study?.title ?? 'Study'}</Link> /
      </p>
      <h1>Table of themes</h1>
      <p className="muted">
        From the consensus layers of {table.participants.length} participant{table.participants.length === 1 ? '' : 's'}. Recurrence rule: {table.rule.description} ({table.rule.required} of {table.rule.of}).
        {study?.codebookPhase === 'final' && ' The theme structure is final.'}
      </p>
      {table.provisional && <p className="notice" role="note">Provisional: some transcripts are still being reconciled, so the consensus may change.</p>}
      {table.omitted > 0 && <p className="muted small">{table.omitted} consensus coding{table.omitted === 1 ? ' is' : 's are'} on retired or unknown themes and left out.</p>}
      <nav className="tabs" role="tablist" aria-label="table views">
        <button role="tab" aria-selected={caseId === null} className={caseId === null ? 'tab active' : 'tab'} onClick={() => chooseCase(null)}>All participants</button>
        {table.participants.map((p) => (
          <button key={p.id} role="tab" aria-selected={caseId === p.id} className={caseId === p.id ? 'tab active' : 'tab'} onClick={() => chooseCase(p.id)}>{p.pseudonym}</button>
        ))}
      </nav>
      {caseId ? (
        <CaseView participantId={caseId} />
      ) : (
        <>
          <ExportLinks base={`/api/studies/${studyId}/themes/table`} label="Export the table" />
          <label className="check">
            <input type="checkbox" checked={showExtracts} onChange={(e) => setShowExtracts(e.target.checked)} /> Show extracts
          </label>
          <p className="muted small">Each cell counts the participant’s extracts for the theme; “1 (4)” means 1 for the theme itself and 4 with its sub-themes, which is what recurrence counts.</p>
          {table.rows.length === 0 ? (
            <p className="muted">No themes yet.</p>
          ) : (
            <div className="tt-scroll">
              <table className="grid tt" aria-label="table of themes">
                <thead>
                  <tr>
                    <th scope="col">Theme</th>
                    {table.participants.map((p) => <th key={p.id} scope="col">{p.pseudonym}</th>)}
                    <th scope="col">Recurrence</th>
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((r) => (
                    <tr key={r.themeId} className={`depth-${r.depth}${r.recurrence.recurrent ? '' : ' short'}`} data-theme={r.label}>
                      <th scope="row" style={{ paddingLeft: `${0.7 + (r.depth - 1) * 1.2}rem` }}>
                        <span className="tt-level">{r.levelName}</span>
                        <span className="tt-label" title={r.description || undefined}>{r.label}</span>
                      </th>
                      {r.cells.map((c) => <ExtractCell key={c.participantId} cell={c} showExtracts={showExtracts} />)}
                      <td className={r.recurrence.recurrent ? 'tt-rec ok' : 'tt-rec short'} data-testid="recurrence">
                        <span title={r.recurrence.label}>{r.recurrence.present}/{r.recurrence.of}</span>
                        {r.recurrence.pending > 0 && <span className="small muted"> ({r.recurrence.label})</span>}
                        {r.recurrence.recurrent ? ' ✓' : <span className="small"> below the rule (needs {r.recurrence.required})</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
