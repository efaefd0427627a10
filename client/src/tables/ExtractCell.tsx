import { type ReactNode, useEffect, useRef, useState } from 'react';
import { type Cell, type EvidenceKind, type Extract, type NoteEvidence, type StatementEvidence, noteLabel } from '../../../shared/reconcile';
import { Link } from '../router';

/**
 * Extracts, and statements, shown before "n more": a cell must stay scannable across a row of
 * participants. The page asks the server for this many of each per cell (`perCell`), and for a
 * cell's others when opened.
 */
export const SHOWN = 2;

/**
 * Fetches a cell's extracts from `from` on and statements from `statementsFrom` on (the table's
 * cell route, in the page's view).
 */
export type LoadRest = (themeId: string, participantId: string, from: number, statementsFrom: number) => Promise<CellRest>;

/** Marks or unmarks a key quote; present only for the study's lead (the server decides too). */
export type MarkKey = (kind: EvidenceKind, evidenceId: string, key: boolean) => void;

/** The key-quote mark of one piece of evidence: a toggle for the lead, a badge for every other reader. */
function KeyMark({ isKey, onMark, what }: { isKey: boolean; onMark: ((key: boolean) => void) | undefined; what: string }) {
  if (!onMark) return isKey ? <span className="tt-key" title="key quote">★ key quote</span> : null;
  return (
    <button type="button" className={isKey ? 'tt-key-toggle on' : 'tt-key-toggle'} aria-pressed={isKey} aria-label={`key quote: ${what}`} title={isKey ? 'Key quote (click to unmark)' : 'Mark as a key quote'} onClick={() => onMark(!isKey)}>
      {isKey ? '★' : '☆'}
    </button>
  );
}

/**
 * The exploratory notes under a piece of evidence, as the exports list them: present only when
 * the study's `tableNotes` is `beside-evidence` (the server's view leaves them out otherwise).
 */
function Notes({ notes }: { notes: readonly NoteEvidence[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="tt-notes" aria-label="exploratory notes">
      {notes.map((n) => (
        <li key={n.noteId}>
          <em>{noteLabel(n)}</em>, {n.lineLabel}: {n.text}
        </li>
      ))}
    </ul>
  );
}

/** A cell's evidence left out of the page, as the cell route answers it. */
export interface CellRest {
  readonly extracts: readonly Extract[];
  readonly statements: readonly StatementEvidence[];
}

/**
 * The evidence after the first extracts and statements, behind one "n more" per cell: rendered
 * when the reader opens it (most never are, and a study's table holds thousands:
 * bench/ipaScreens.ts), kept once opened. When the page was given only the first ones (`load`),
 * the rest is fetched on opening, and fetched again when the cell changes (a refetched table: a
 * key quote marked, a live change).
 */
function MoreEvidence<C>({ count, source, load, children }: { count: number; source: C; load: (() => Promise<CellRest>) | null; children: (rest: CellRest | null) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const [fetched, setFetched] = useState<{ source: C; rest: CellRest } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // The loader is a new closure each render; what it loads is named by `source`.
  const loader = useRef(load);
  loader.current = load;
  const loads = load !== null;
  useEffect(() => {
    if (!open || !loader.current || fetched?.source === source) return;
    let live = true;
    setFailed(null);
    loader.current().then(
      (rest) => live && setFetched({ source, rest }),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : 'cannot load the evidence'),
    );
    return () => {
      live = false;
    };
  }, [open, loads, source, fetched]);
  const rest = load ? (fetched?.rest ?? null) : null;
  // A button, not <details>: a <details> brings a shadow tree of its own, and the table of the
  // issue's study has one per cell (about 1,200: docs/benchmarks.md, issue 15).
  return (
    <>
      <button type="button" className="tt-more small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {count} more
      </button>
      {open && (failed ? <p className="error small" role="alert">{failed}</p> : load && !rest ? <p className="muted small" aria-busy="true">Loading…</p> : children(rest))}
    </>
  );
}

/** The cell of a participant whose transcript is still in coding: not yet known, not absent (issue 15 item 5). */
export function PendingCell({ pseudonym }: { pseudonym: string }) {
  return (
    <td className="tt-cell pending" data-participant={pseudonym} title="not reconciled yet: the transcript is still in coding">
      pending
    </td>
  );
}

/**
 * One participant's cell of a theme's row: the extract count, the first extracts with their
 * lines, and the first experiential statements linked to the theme, the others of both behind
 * one "n more"; key quotes are starred (and, for the lead, starred or unstarred here).
 */
export function ExtractCell({ cell, themeId, showExtracts, onMarkKey, loadRest }: { cell: Cell; themeId: string; showExtracts: boolean; onMarkKey?: MarkKey | undefined; loadRest?: LoadRest | undefined }) {
  // Said in words at every width (the stacked layout prefixes the participant): "absent" is a
  // reconciled participant without evidence, unlike a pending one (PendingCell).
  if (!cell.present) return <td className="tt-cell empty" data-participant={cell.pseudonym}>absent</td>;
  const quote = (e: Extract) => (
    <li key={e.codingId} className={e.key ? 'key' : undefined}>
      <q>{e.quote}</q> <Link to={`/transcripts/${e.transcriptId}#l-${e.lines.first}`} className="cite">({e.citation})</Link>{' '}
      <KeyMark isKey={e.key} what={e.citation} onMark={onMarkKey && ((key) => onMarkKey('extract', e.codingId, key))} />
      <Notes notes={e.notes} />
    </li>
  );
  const statement = (st: StatementEvidence) => (
    <li key={st.statementId} className={st.key ? 'key' : undefined}>
      {st.text} <span className="cite muted">({st.citation})</span>{' '}
      <KeyMark isKey={st.key} what={`statement ${st.citation}`} onMark={onMarkKey && ((key) => onMarkKey('statement', st.statementId, key))} />
      <Notes notes={st.notes} />
    </li>
  );
  const statementsLabel = `experiential statements of ${cell.pseudonym}`;
  // A paged cell (the server sent its first extracts and statements and says how many more)
  // fetches the rest from the end of what it has; an unpaged one (all sent) shows its own.
  const paged = (cell.moreExtracts ?? 0) + (cell.moreStatements ?? 0) > 0;
  const listedExtracts = Math.min(cell.extracts.length, SHOWN);
  const listedStatements = Math.min(cell.statements.length, SHOWN);
  const moreExtracts = cell.extracts.length - listedExtracts + (cell.moreExtracts ?? 0);
  const moreStatements = cell.statements.length - listedStatements + (cell.moreStatements ?? 0);
  return (
    <td className="tt-cell" data-participant={cell.pseudonym}>
      <span className="tt-count" title={cell.count === cell.total ? `${cell.count} extracts` : `${cell.count} extracts of this theme, ${cell.total} with its sub-themes`}>
        {cell.count === cell.total ? cell.count : `${cell.count} (${cell.total})`}
      </span>
      {showExtracts && listedExtracts > 0 && <ul className="tt-extracts">{cell.extracts.slice(0, SHOWN).map(quote)}</ul>}
      {showExtracts && listedStatements > 0 && (
        <ul className="tt-statements" aria-label={statementsLabel}>
          {cell.statements.slice(0, SHOWN).map(statement)}
        </ul>
      )}
      {showExtracts && moreExtracts + moreStatements > 0 && (
        <MoreEvidence
          count={moreExtracts + moreStatements}
          source={cell}
          load={paged && loadRest ? () => loadRest(themeId, cell.participantId, listedExtracts, listedStatements) : null}
        >
          {(rest) => {
            const extracts = rest ? rest.extracts : cell.extracts.slice(SHOWN);
            const statements = rest ? rest.statements : cell.statements.slice(SHOWN);
            return (
              <>
                {extracts.length > 0 && <ul className="tt-extracts">{extracts.map(quote)}</ul>}
                {statements.length > 0 && (
                  <ul className="tt-statements" aria-label={`more ${statementsLabel}`}>
                    {statements.map(statement)}
                  </ul>
                )}
              </>
            );
          }}
        </MoreEvidence>
      )}
    </td>
  );
}
