import { type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { TABLE_SHOWN_PER_CELL } from '../../../shared/pageRoutes';
import type { Cell, EvidenceKind, Extract, NoteEvidence, StatementEvidence } from '../../../shared/reconcile';
// Straight from its module: the reconcile index would bring zod's request schemas into the page.
import { noteLabel } from '../../../shared/reconcile/tableNotes';
import { TableAnswer } from './keepRows';

/**
 * Extracts, and statements, shown before "n more": a cell must stay scannable across a row of
 * participants. The page asks the server for this many of each per cell (`perCell`), and for a
 * cell's others when opened.
 */
export const SHOWN = TABLE_SHOWN_PER_CELL;

/**
 * Fetches a cell's extracts from `from` on and statements from `statementsFrom` on (the table's
 * cell route, in the page's view).
 */
export type LoadRest = (themeId: string, participantId: string, from: number, statementsFrom: number) => Promise<CellRest>;

/**
 * The key-quote mark of one piece of evidence: a toggle for the lead, a badge for every other
 * reader. Plain markup with as few attributes as it can have, not a component with a handler
 * each: the table of the issue's study has about 2,400 of them, and a CPU profile of its render
 * put setting the cells' attributes first among React's work (docs/benchmarks.md, issue 15). The
 * row handles their clicks in one listener (`keyToggleOf`), from the button's `value` (kind and
 * evidence id) and `aria-pressed`. Still a real button (focus, Enter and Space are the browser's)
 * with its label; no tooltip (the page's instructions say what ☆ does). Outside any form, so no
 * `type`. Its star is drawn by the style sheet (☆, ★ when pressed): no text node either.
 */
function keyMark(isKey: boolean, lead: boolean, kind: EvidenceKind, evidenceId: string, what: string) {
  if (!lead) return isKey ? <span className="tt-key" title="key quote">★ key quote</span> : null;
  return (
    <button className={isKey ? 'tt-key-toggle on' : 'tt-key-toggle'} aria-pressed={isKey ? 'true' : 'false'} aria-label={`key quote: ${what}`} value={`${kind}:${evidenceId}`} />
  );
}

/** The key-quote toggle a click in the table landed on, with what it asks: null for any other click. */
export function keyToggleOf(target: EventTarget | null): { kind: EvidenceKind; evidenceId: string; key: boolean } | null {
  const button = target instanceof Element ? target.closest('button.tt-key-toggle') : null;
  const value = button?.getAttribute('value') ?? '';
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon);
  const evidenceId = value.slice(colon + 1);
  if (!button || colon < 0 || (kind !== 'extract' && kind !== 'statement') || !evidenceId) return null;
  return { kind, evidenceId, key: button.getAttribute('aria-pressed') !== 'true' };
}

/**
 * The exploratory notes under a piece of evidence, as the exports list them: present only when
 * the study's `tableNotes` is `beside-evidence` (the server's view leaves them out otherwise).
 */
function notesList(notes: readonly NoteEvidence[]) {
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
 * bench/ipaScreens.ts), kept once opened. A closed one is a button and one state: what fetches
 * and shows the rest (`RestOfCell`) exists only once the cell has been opened (about 1,200 closed
 * ones on the study).
 */
function MoreEvidence({ count, children }: { count: number; children: (open: boolean) => ReactNode }) {
  const [state, setState] = useState<'closed' | 'open' | 'hidden'>('closed');
  const open = state === 'open';
  // A button, not <details>: a <details> brings a shadow tree of its own, and the table of the
  // issue's study has one per cell (about 1,200: docs/benchmarks.md, issue 15).
  return (
    <>
      {/* Outside any form: no `type` (one attribute less on ~1,200 buttons). */}
      <button className="tt-more small" aria-expanded={open ? 'true' : 'false'} onClick={() => setState(open ? 'hidden' : 'open')}>
        {`${count} more`}
      </button>
      {state !== 'closed' && children(open)}
    </>
  );
}

/**
 * An opened cell's other evidence, kept while it is closed again (`open` false: nothing shown).
 * When the page was given only the first ones (`load`), the rest is fetched on opening, and
 * fetched again when the cell changes or the table is answered again (a key quote marked, a live
 * change: the row may be kept as it was, keepRows.ts, while its rest changed).
 */
function RestOfCell<C>({ open, source, load, children }: { open: boolean; source: C; load: (() => Promise<CellRest>) | null; children: (rest: CellRest | null) => ReactNode }) {
  const answer = useContext(TableAnswer);
  const [fetched, setFetched] = useState<{ source: C; answer: object | null; rest: CellRest } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // The loader is a new closure each render; what it loads is named by `source`.
  const loader = useRef(load);
  loader.current = load;
  const loads = load !== null;
  useEffect(() => {
    if (!open || !loader.current || (fetched?.source === source && fetched.answer === answer)) return;
    let live = true;
    setFailed(null);
    loader.current().then(
      (rest) => live && setFetched({ source, answer, rest }),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : 'cannot load the evidence'),
    );
    return () => {
      live = false;
    };
  }, [open, loads, source, answer, fetched]);
  if (!open) return null;
  const rest = load ? (fetched?.rest ?? null) : null;
  return failed ? <p className="error small" role="alert">{failed}</p> : load && !rest ? <p className="muted small" aria-busy="true">Loading…</p> : children(rest);
}

/** The cell of a participant whose transcript is still in coding: not yet known, not absent (issue 15 item 5). */
export function pendingCell(p: { id: string; pseudonym: string }) {
  return (
    <td key={p.id} className="tt-cell pending" data-participant={p.pseudonym} title="not reconciled yet: the transcript is still in coding">
      pending
    </td>
  );
}

/**
 * One participant's cell of a theme's row: the extract count, the first extracts with their
 * lines, and the first experiential statements linked to the theme, the others of both behind
 * one "n more"; key quotes are starred (for the lead, toggles: the table handles their clicks,
 * `keyToggleOf`). A plain function the row calls, not a component: the study has 4,992
 * cells, and a component each was that many more to create and reconcile (docs/benchmarks.md).
 * Citations are plain links the table routes in one listener (`citationLinkOf`). Texts made of
 * parts are written as one template string, not as JSX text around an expression such as
 * `(` citation `)`: React makes a DOM text node of each part, three per citation. An extract's
 * quote is its text in quotation marks with the space before its citation, one text node, not a
 * `<q>` then a space (about 1,900 elements and as many text nodes fewer on the study; `<q>`
 * has no role for assistive technology, and its marks were the style sheet's).
 */
export function extractCell(cell: Cell, themeId: string, showExtracts: boolean, lead: boolean, loadRest: LoadRest | undefined) {
  // Said in words at every width (the stacked layout prefixes the participant): "absent" is a
  // reconciled participant without evidence, unlike a pending one (pendingCell).
  if (!cell.present) return <td key={cell.participantId} className="tt-cell empty" data-participant={cell.pseudonym}>absent</td>;
  const quote = (e: Extract) => (
    <li key={e.codingId} className={e.key ? 'key' : undefined}>
      {`“${e.quote}” `}<a href={`/transcripts/${e.transcriptId}#l-${e.lines.first}`} className="cite">{`(${e.citation})`}</a>
      {keyMark(e.key, lead, 'extract', e.codingId, e.citation)}
      {notesList(e.notes)}
    </li>
  );
  const statement = (st: StatementEvidence) => (
    <li key={st.statementId} className={st.key ? 'key' : undefined}>
      {`${st.text} `}<span className="cite muted">{`(${st.citation})`}</span>
      {keyMark(st.key, lead, 'statement', st.statementId, `statement ${st.citation}`)}
      {notesList(st.notes)}
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
    <td key={cell.participantId} className="tt-cell" data-participant={cell.pseudonym}>
      {cell.count === cell.total ? (
        <span className="tt-count">{cell.count}</span>
      ) : (
        <span className="tt-count" title={`${cell.count} extracts of this theme, ${cell.total} with its sub-themes`}>{`${cell.count} (${cell.total})`}</span>
      )}
      {showExtracts && listedExtracts > 0 && <ul className="tt-extracts">{(listedExtracts < cell.extracts.length ? cell.extracts.slice(0, SHOWN) : cell.extracts).map(quote)}</ul>}
      {showExtracts && listedStatements > 0 && (
        <ul className="tt-statements" aria-label={statementsLabel}>
          {(listedStatements < cell.statements.length ? cell.statements.slice(0, SHOWN) : cell.statements).map(statement)}
        </ul>
      )}
      {showExtracts && moreExtracts + moreStatements > 0 && (
        <MoreEvidence count={moreExtracts + moreStatements}>
          {(open) => (
            <RestOfCell open={open} source={cell} load={paged && loadRest ? () => loadRest(themeId, cell.participantId, listedExtracts, listedStatements) : null}>
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
            </RestOfCell>
          )}
        </MoreEvidence>
      )}
    </td>
  );
}

/**
 * The citation link a click in the table landed on, when the app should follow it itself (a
 * plain left click): its address. Modified clicks (new tab, window) stay the browser's.
 */
export function citationLinkOf(e: { target: EventTarget | null; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button: number }): string | null {
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return null;
  const a = e.target instanceof Element ? e.target.closest('a.cite') : null;
  return a?.getAttribute('href') ?? null;
}
