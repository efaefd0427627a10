import { type ReactNode, useState } from 'react';
import type { Cell, EvidenceKind } from '../../../shared/reconcile';
import { Link } from '../router';

/** Extracts shown before "n more": a cell must stay scannable across a row of participants. */
const SHOWN = 2;

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
 * The extracts after the first ones, behind "n more": rendered when the reader opens it (most
 * never are, and a study's table holds thousands: bench/ipaScreens.ts), kept once opened.
 */
function MoreExtracts({ count, children }: { count: number; children: () => ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="small">{count} more</summary>
      {opened && <ul className="tt-extracts">{children()}</ul>}
    </details>
  );
}

/**
 * One participant's evidence for one theme: the extracts, each with its citation linking to the
 * lines, and the experiential statements linked to the theme; key quotes are starred (and, for
 * the lead, starred or unstarred here).
 */
export function ExtractCell({ cell, showExtracts, onMarkKey }: { cell: Cell; showExtracts: boolean; onMarkKey?: MarkKey | undefined }) {
  if (!cell.present) return <td className="tt-cell empty" data-participant={cell.pseudonym} aria-label={`${cell.pseudonym}: absent`} />;
  const quote = (e: Cell['extracts'][number]) => (
    <li key={e.codingId} className={e.key ? 'key' : undefined}>
      <q>{e.quote}</q> <Link to={`/transcripts/${e.transcriptId}#l-${e.lines.first}`} className="cite">({e.citation})</Link>{' '}
      <KeyMark isKey={e.key} what={e.citation} onMark={onMarkKey && ((key) => onMarkKey('extract', e.codingId, key))} />
    </li>
  );
  return (
    <td className="tt-cell" data-participant={cell.pseudonym}>
      <span className="tt-count" title={cell.count === cell.total ? `${cell.count} extracts` : `${cell.count} extracts of this theme, ${cell.total} with its sub-themes`}>
        {cell.count === cell.total ? cell.count : `${cell.count} (${cell.total})`}
      </span>
      {showExtracts && cell.extracts.length > 0 && (
        <>
          <ul className="tt-extracts">{cell.extracts.slice(0, SHOWN).map(quote)}</ul>
          {cell.extracts.length > SHOWN && (
            <MoreExtracts count={cell.extracts.length - SHOWN}>{() => cell.extracts.slice(SHOWN).map(quote)}</MoreExtracts>
          )}
        </>
      )}
      {showExtracts && cell.statements.length > 0 && (
        <ul className="tt-statements" aria-label={`experiential statements of ${cell.pseudonym}`}>
          {cell.statements.map((st) => (
            <li key={st.statementId} className={st.key ? 'key' : undefined}>
              {st.text} <span className="cite muted">({st.citation})</span>{' '}
              <KeyMark isKey={st.key} what={`statement ${st.citation}`} onMark={onMarkKey && ((key) => onMarkKey('statement', st.statementId, key))} />
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}
