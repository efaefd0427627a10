import { type ReactNode, useEffect, useRef, useState } from 'react';
import { type Cell, type EvidenceKind, type Extract, type NoteEvidence, noteLabel } from '../../../shared/reconcile';
import { Link } from '../router';

/**
 * Extracts shown before "n more": a cell must stay scannable across a row of participants. The
 * page asks the server for this many per cell (`perCell`), and for a cell's others when opened.
 */
export const SHOWN = 2;

/** Fetches a cell's extracts from `from` on (the table's cell route, in the page's view). */
export type LoadRest = (themeId: string, participantId: string, from: number) => Promise<readonly Extract[]>;

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

/**
 * The extracts after the first ones, behind "n more": rendered when the reader opens it (most
 * never are, and a study's table holds thousands: bench/ipaScreens.ts), kept once opened. When
 * the page was given only the first ones (`load`), the rest is fetched on opening, and fetched
 * again when the cell changes (a refetched table: a key quote marked, a live change).
 */
function MoreExtracts<C>({ count, source, load, children }: { count: number; source: C; load: (() => Promise<readonly Extract[]>) | null; children: (rest: readonly Extract[] | null) => ReactNode }) {
  const [opened, setOpened] = useState(false);
  const [fetched, setFetched] = useState<{ source: C; rest: readonly Extract[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // The loader is a new closure each render; what it loads is named by `source`.
  const loader = useRef(load);
  loader.current = load;
  const loads = load !== null;
  useEffect(() => {
    if (!opened || !loader.current || fetched?.source === source) return;
    let live = true;
    setFailed(null);
    loader.current().then(
      (rest) => live && setFetched({ source, rest }),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : 'cannot load the extracts'),
    );
    return () => {
      live = false;
    };
  }, [opened, loads, source, fetched]);
  const rest = load ? (fetched?.rest ?? null) : null;
  return (
    <details onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="small">{count} more</summary>
      {opened && (failed ? <p className="error small" role="alert">{failed}</p> : load && !rest ? <p className="muted small" aria-busy="true">Loading…</p> : <ul className="tt-extracts">{children(rest)}</ul>)}
    </details>
  );
}

/**
 * One participant's evidence for one theme: the extracts, each with its citation linking to the
 * lines, and the experiential statements linked to the theme; key quotes are starred (and, for
 * the lead, starred or unstarred here).
 */
export function ExtractCell({ cell, themeId, showExtracts, onMarkKey, loadRest }: { cell: Cell; themeId: string; showExtracts: boolean; onMarkKey?: MarkKey | undefined; loadRest?: LoadRest | undefined }) {
  if (!cell.present) return <td className="tt-cell empty" data-participant={cell.pseudonym} aria-label={`${cell.pseudonym}: absent`} />;
  const quote = (e: Extract) => (
    <li key={e.codingId} className={e.key ? 'key' : undefined}>
      <q>{e.quote}</q> <Link to={`/transcripts/${e.transcriptId}#l-${e.lines.first}`} className="cite">({e.citation})</Link>{' '}
      <KeyMark isKey={e.key} what={e.citation} onMark={onMarkKey && ((key) => onMarkKey('extract', e.codingId, key))} />
      <Notes notes={e.notes} />
    </li>
  );
  // A paged cell (the server sent its first extracts and says how many more) fetches the rest
  // from the end of what it has; an unpaged one (every extract sent) shows its own.
  const paged = (cell.moreExtracts ?? 0) > 0;
  const listed = Math.min(cell.extracts.length, SHOWN);
  const more = cell.extracts.length - listed + (cell.moreExtracts ?? 0);
  return (
    <td className="tt-cell" data-participant={cell.pseudonym}>
      <span className="tt-count" title={cell.count === cell.total ? `${cell.count} extracts` : `${cell.count} extracts of this theme, ${cell.total} with its sub-themes`}>
        {cell.count === cell.total ? cell.count : `${cell.count} (${cell.total})`}
      </span>
      {showExtracts && cell.extracts.length > 0 && (
        <>
          <ul className="tt-extracts">{cell.extracts.slice(0, SHOWN).map(quote)}</ul>
          {more > 0 && (
            <MoreExtracts count={more} source={cell} load={paged && loadRest ? () => loadRest(themeId, cell.participantId, listed) : null}>
              {(rest) => (rest ?? cell.extracts.slice(SHOWN)).map(quote)}
            </MoreExtracts>
          )}
        </>
      )}
      {showExtracts && cell.statements.length > 0 && (
        <ul className="tt-statements" aria-label={`experiential statements of ${cell.pseudonym}`}>
          {cell.statements.map((st) => (
            <li key={st.statementId} className={st.key ? 'key' : undefined}>
              {st.text} <span className="cite muted">({st.citation})</span>{' '}
              <KeyMark isKey={st.key} what={`statement ${st.citation}`} onMark={onMarkKey && ((key) => onMarkKey('statement', st.statementId, key))} />
              <Notes notes={st.notes} />
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}
