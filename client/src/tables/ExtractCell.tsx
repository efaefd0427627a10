import type { Cell } from '../../../shared/reconcile';
import { Link } from '../router';

/** Extracts shown before "n more": a cell must stay scannable across a row of participants. */
const SHOWN = 2;

/** One participant's extracts for one theme, each with its citation linking to the lines. */
export function ExtractCell({ cell, showExtracts }: { cell: Cell; showExtracts: boolean }) {
  if (cell.total === 0) return <td className="tt-cell empty" aria-label={`${cell.pseudonym}: absent`} />;
  const quote = (e: Cell['extracts'][number]) => (
    <li key={e.codingId}>
      <q>{e.quote}</q> <Link to={`/transcripts/${e.transcriptId}#l-${e.lines.first}`} className="cite">({e.citation})</Link>
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
            <details>
              <summary className="small">{cell.extracts.length - SHOWN} more</summary>
              <ul className="tt-extracts">{cell.extracts.slice(SHOWN).map(quote)}</ul>
            </details>
          )}
        </>
      )}
    </td>
  );
}
