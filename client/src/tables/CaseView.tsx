import { useEffect, useState } from 'react';
import type { CaseTable } from '../../../shared/reconcile';
import { themeHeading } from '../../../shared/reconcile/themeHeading';
import { api } from '../api';
import { Link } from '../router';
import { ExportLinks } from './exportLinks';
import { unwrapTable } from './unwrap';

/** One participant's personal themes (a per-case table of themes), with its own exports. */
export function CaseView({ participantId }: { participantId: string }) {
  const [table, setTable] = useState<CaseTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setTable(null);
    api('GET', `/api/participants/${participantId}/themes?format=json`).then((r) => setTable(unwrapTable<CaseTable>(r)), (e: unknown) => setError(e instanceof Error ? e.message : 'cannot load the personal themes'));
  }, [participantId]);
  if (error) return <p className="error">{error}</p>;
  if (!table) return <p>Loading…</p>;
  return (
    <section aria-label={`personal themes of ${table.participant.pseudonym}`}>
      <h2>Personal themes: {table.participant.pseudonym}</h2>
      <ExportLinks base={`/api/participants/${participantId}/themes`} label={`Export ${table.participant.pseudonym}'s table`} />
      {table.rows.length === 0 ? (
        <p className="muted">No consensus codings for this participant yet.</p>
      ) : (
        <table className="grid tt case" aria-label="personal themes">
          <thead>
            <tr><th scope="col">{themeHeading(table.levels, table.rows)}</th><th scope="col">Extracts</th></tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.themeId} className={`depth-${r.depth}`}>
                <th scope="row" style={{ paddingLeft: `${0.7 + (r.depth - 1) * 1.2}rem` }}>
                  <span className="tt-level">{r.levelName}</span>
                  <span className="tt-label">{r.label}</span> <span className="muted small">({r.count === r.total ? r.count : `${r.count}, ${r.total} with sub-themes`})</span>
                </th>
                <td>
                  <ul className="tt-extracts">
                    {r.cell.extracts.map((e) => (
                      <li key={e.codingId}>
                        <q>{e.quote}</q> <Link to={`/transcripts/${e.transcriptId}#l-${e.lines.first}`} className="cite">({e.citation})</Link>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
