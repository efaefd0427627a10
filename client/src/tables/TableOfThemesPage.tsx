import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { writeupDocName } from '../../../shared/docNames';
import { tableOfThemesUrls } from '../../../shared/pageRoutes';
import type { Extract, StatementEvidence, TableEvidence, ThemeTable } from '../../../shared/reconcile';
import { themeHeading } from '../../../shared/reconcile/themeHeading';
import { api, type Study, type User } from '../api';
import { takeEarly } from '../earlyData';
import { Link } from '../router';
import { useDoc } from '../workspace/useDoc';
import { CaseView } from './CaseView';
import { type LoadRest, SHOWN } from './ExtractCell';
import { ExportLinks } from './exportLinks';
import { afterIdForDrop } from './ThemeRowHeader';
import { type RowActions, ThemeTableRow } from './ThemeTableRow';
import { unwrapTable } from './unwrap';
import { useProgressiveRows } from '../components/useProgressiveRows';
import { keepRows, TableAnswer } from './keepRows';
import { keepSameElements } from '../components/sameElements';

const NONE: readonly string[] = [];

/**
 * The table of themes (issue 6 item 4): the study's theme hierarchy against its participants,
 * from the consensus layers, with each participant's extracts and line references and the
 * recurrence of each theme against the study's rule, flagged where it falls short. The server
 * computes it; this page lays it out and links the exports. `?case=<participant>` shows one
 * participant's personal themes instead.
 * The write-up (issue 15 item 5): the lead stars key quotes and orders the themes within their
 * parents (buttons, Alt+Up/Down, drag); every reader sees it live (the server-written
 * `studies/<sid>/writeup` document: any change refetches the table), and every reader may show
 * the key quotes only and hide the themes without evidence, choices the export links carry.
 */
export function TableOfThemesPage({ studyId, me }: { studyId: string; me: User }) {
  const [table, setTable] = useState<ThemeTable | null>(null);
  const [study, setStudy] = useState<Study | null>(null);
  // The study's answer (the reader's role) is in, or failed: the rows wait for it, so that the lead's
  // controls are there in the rows' first render instead of every row rendering again for them.
  const [studyKnown, setStudyKnown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showExtracts, setShowExtracts] = useState(true);
  const [evidence, setEvidence] = useState<TableEvidence>('all');
  const [hideUnused, setHideUnused] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [caseId, setCaseId] = useState<string | null>(() => new URLSearchParams(window.location.search).get('case'));
  const dragged = useRef<string | null>(null);
  // The view's choices, as the export links carry them too (defaults left out).
  const query = `${evidence === 'key' ? '&evidence=key' : ''}${hideUnused ? '&unused=hide' : ''}`;
  const shownRows = useProgressiveRows(table?.rows.length ?? 0);
  // The write-up document (any change refetches the table) opens once every row is shown, not while
  // the table's answer and rows compete for the main thread with its socket and sync. Nothing is
  // missed: connecting syncs the whole document, and a document with content bumps `version`.
  const [writeupOpen, setWriteupOpen] = useState(false);
  const allShown = table !== null && shownRows >= table.rows.length;
  useEffect(() => {
    if (allShown) setWriteupOpen(true);
  }, [allShown]);
  const live = useDoc(writeupOpen ? writeupDocName(studyId) : null);
  const load = useCallback(
    // The screen's page: the extracts each cell shows before "n more" (the rest on opening it). The
    // default view's was asked for with the sign-in check (shared/pageRoutes.ts), taken once.
    () => takeEarly(`/api/studies/${studyId}/themes/table?format=json${query}&perCell=${SHOWN}`, me.id).then((r) => setTable((previous) => keepRows(previous, unwrapTable<ThemeTable>(r))), (e: unknown) => setError(e instanceof Error ? e.message : 'cannot load the table of themes')),
    [studyId, query, me.id],
  );
  useEffect(() => {
    void load();
  }, [load, live.version]);
  const loadRest = useCallback<LoadRest>(
    (themeId, participantId, from, statementsFrom) =>
      api<{ rest: Extract[]; restStatements: StatementEvidence[] }>('GET', `/api/studies/${studyId}/themes/table/cell?${new URLSearchParams({ themeId, participantId, from: String(from), statementsFrom: String(statementsFrom), evidence })}`).then((r) => ({
        extracts: r.rest,
        statements: r.restStatements,
      })),
    [studyId, evidence],
  );
  useEffect(() => {
    void takeEarly<{ study: Study }>(tableOfThemesUrls(studyId)[1], me.id).then((r) => setStudy(r.study), () => undefined).finally(() => setStudyKnown(true));
  }, [studyId, me.id]);
  const lead = study?.role === 'lead';
  const act = useCallback(
    (path: string, body: unknown) => {
      setFailure(null);
      api('POST', `/api/studies/${studyId}/themes/table/${path}`, body).then(load, (e: unknown) => setFailure(e instanceof Error ? e.message : 'the change was refused'));
    },
    [studyId, load],
  );
  // Each theme's visible siblings in the write-up order: what the move controls step through. A
  // parent's list is the previous one while it is unchanged, so that a refetch renders again only
  // the rows that changed (keepRows.ts), not every row for a new list of the same themes.
  const previousSiblings = useRef(new Map<string | null, readonly string[]>());
  const siblings = useMemo(() => {
    const byParent = new Map<string | null, string[]>();
    for (const r of table?.rows ?? []) {
      const list = byParent.get(r.parentId);
      if (list) list.push(r.themeId);
      else byParent.set(r.parentId, [r.themeId]);
    }
    const kept = new Map<string | null, readonly string[]>();
    for (const [parent, list] of byParent) kept.set(parent, keepSameElements(previousSiblings.current.get(parent), list));
    previousSiblings.current = kept;
    return kept;
  }, [table]);
  // The actions read the latest table through refs: they stay the same object across refetches,
  // as the memoised rows need (a new one would render every row again).
  const latestRows = useRef(table?.rows ?? []);
  latestRows.current = table?.rows ?? [];
  const latestSiblings = useRef(siblings);
  latestSiblings.current = siblings;
  const actions = useMemo((): RowActions | undefined => {
    if (!lead) return undefined;
    const parentOf = (themeId: string) => latestRows.current.find((r) => r.themeId === themeId)?.parentId;
    const moveTheme = (themeId: string, afterId: string | null) => act('order', { themeId, afterId });
    return {
      markKey: (themeId, kind, evidenceId, key) => act('key-quotes', { themeId, kind, evidenceId, key }),
      moveTheme,
      dragStart: (themeId) => {
        dragged.current = themeId;
      },
      canDrop: (r) => dragged.current !== null && dragged.current !== r.themeId && parentOf(dragged.current) === r.parentId,
      drop: (r) => {
        const from = dragged.current;
        dragged.current = null;
        const after = from ? afterIdForDrop(latestSiblings.current.get(r.parentId) ?? [], from, r.themeId) : undefined;
        if (from && after !== undefined) moveTheme(from, after);
      },
    };
  }, [lead, act]);
  const chooseCase = (id: string | null) => {
    window.history.replaceState(null, '', id ? `${window.location.pathname}?case=${encodeURIComponent(id)}` : window.location.pathname);
    setCaseId(id);
  };

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!table || !studyKnown) return <div className="page">Loading…</div>;
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
          <ExportLinks base={`/api/studies/${studyId}/themes/table`} label="Export the table" query={query} />
          <div className="tt-options" role="group" aria-label="what the table shows">
            <label className="check">
              <input type="checkbox" checked={showExtracts} onChange={(e) => setShowExtracts(e.target.checked)} /> Show extracts
            </label>
            <label className="check">
              <input type="checkbox" checked={evidence === 'key'} onChange={(e) => setEvidence(e.target.checked ? 'key' : 'all')} /> Key quotes only
            </label>
            <label className="check">
              <input type="checkbox" checked={hideUnused} onChange={(e) => setHideUnused(e.target.checked)} /> Hide themes without evidence
            </label>
          </div>
          {table.view.hiddenThemes > 0 && <p className="muted small" data-testid="hidden-themes">{table.view.hiddenThemes} theme{table.view.hiddenThemes === 1 ? '' : 's'} without evidence hidden.</p>}
          {lead && <p className="muted small">Star the key quotes of each theme (☆); order the themes for the write-up with the arrows, Alt+Up/Down, or by dragging a row onto another under the same parent. Every export follows.</p>}
          {failure && <p className="error" role="alert">{failure}</p>}
          <p className="muted small">Each cell counts the participant’s extracts for the theme; “1 (4)” means 1 for the theme itself and 4 with its sub-themes, which is what recurrence counts. “absent”: the participant is reconciled and has no evidence for the theme; “pending”: the participant’s transcript is still in coding, not yet counted.</p>
          {table.rows.length === 0 ? (
            <p className="muted">No themes yet.</p>
          ) : (
            <div className="tt-scroll">
              <TableAnswer.Provider value={table}>
                <table className="grid tt" aria-label="table of themes" aria-busy={shownRows < table.rows.length}>
                  <thead>
                    <tr>
                      <th scope="col">{themeHeading(table.levels, table.rows)}</th>
                      {table.participants.map((p) => <th key={p.id} scope="col">{p.pseudonym}</th>)}
                      {table.pending.map((p) => <th key={p.id} scope="col">{p.pseudonym} <span className="tt-pending-note">(pending)</span></th>)}
                      <th scope="col">Recurrence</th>
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.slice(0, shownRows).map((r) => (
                      <ThemeTableRow key={r.themeId} row={r} pending={table.pending} siblings={siblings.get(r.parentId) ?? NONE} showExtracts={showExtracts} actions={actions} loadRest={loadRest} />
                    ))}
                  </tbody>
                </table>
              </TableAnswer.Provider>
            </div>
          )}
        </>
      )}
    </div>
  );
}
