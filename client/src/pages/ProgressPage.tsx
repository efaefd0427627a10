import { useEffect, useState } from 'react';
import type { CoderProgress, ProgressResponse } from '../../../shared/studies/progressTypes';
import { api } from '../api';
import { Link } from '../router';

/**
 * The lead's progress view (issue 4 item 7): how far each coder is with each transcript, and
 * which phase it is in. Counts only, so it is safe to watch a blind study with it.
 */
export function ProgressPage({ studyId }: { studyId: string }) {
  const [data, setData] = useState<ProgressResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<ProgressResponse>('GET', `/api/studies/${studyId}/progress`).then(setData, (e: unknown) => setError(e instanceof Error ? e.message : 'cannot load progress'));
  }, [studyId]);

  if (error) return <div className="page"><p className="crumbs"><Link to={`/studies/${studyId}`}>Study</Link> /</p><p className="error" role="alert">{error}</p></div>;
  if (!data) return <div className="page">Loading…</div>;
  const reconciling = data.transcripts.some((t) => t.phase !== 'coding');
  return (
    <div className="page progress-page">
      <p className="crumbs">
        <Link to="/">Studies</Link> / <Link to={`/studies/${studyId}`}>{data.study.title}</Link> /
      </p>
      <h1>Coding progress</h1>
      <p className="muted">
        Share of each transcript’s text lines that a coder has coded, with their codings, exploratory notes and experiential statements. Counts only: nobody’s
        coding is shown here{data.study.codingMode === 'blind' ? ', so blind coding stays blind' : ''}.
      </p>
      {data.transcripts.length === 0 ? (
        <p className="muted">No transcripts yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="grid progress-table" aria-label="coding progress">
            <thead>
              <tr>
                <th>Participant</th>
                <th>Transcript</th>
                <th>Phase</th>
                <th>Lines</th>
                {data.coders.map((c) => (
                  <th key={c.id} scope="col">{c.name}{c.role !== 'coder' && <span className="muted small"> ({c.role ?? 'former member'})</span>}</th>
                ))}
                {reconciling && <th>Consensus</th>}
              </tr>
            </thead>
            <tbody>
              {data.transcripts.map((t) => (
                <tr key={t.id} data-transcript={t.id}>
                  <td>{t.pseudonym}</td>
                  <td><Link to={`/transcripts/${t.id}`}>{t.title}</Link></td>
                  <td><span className={`phase ${t.phase}`}>{t.phase}</span></td>
                  <td>{t.lines}</td>
                  {data.coders.map((c) => {
                    const p = t.coders.find((x) => x.coderId === c.id);
                    return <td key={c.id} data-coder={c.id}>{p ? <ProgressCell p={p} /> : <span className="muted">—</span>}</td>;
                  })}
                  {reconciling && <td>{t.phase === 'coding' ? <span className="muted">—</span> : `${t.consensusCodings} codings`}</td>}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="totals">
                <th scope="row" colSpan={3}>All transcripts</th>
                <td>{data.transcripts.reduce((n, t) => n + t.lines, 0)}</td>
                {data.coders.map((c) => (
                  <td key={c.id} data-coder-total={c.id}>
                    <ProgressCell p={totalOf(c.id, data.transcripts)} />
                  </td>
                ))}
                {reconciling && <td>{data.transcripts.reduce((n, t) => n + t.consensusCodings, 0)} codings</td>}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}

/** A coder's totals; the share is over all lines of all transcripts, so long transcripts weigh more. */
function totalOf(coderId: string, transcripts: ProgressResponse['transcripts']): CoderProgress {
  const total: CoderProgress = { coderId, codings: 0, notes: 0, statements: 0, linesCoded: 0, share: null };
  let lines = 0;
  for (const t of transcripts) {
    const p = t.coders.find((c) => c.coderId === coderId);
    lines += t.lines;
    if (!p) continue;
    total.codings += p.codings;
    total.notes += p.notes;
    total.statements += p.statements;
    total.linesCoded += p.linesCoded;
  }
  return { ...total, share: lines > 0 ? total.linesCoded / lines : null };
}

function ProgressCell({ p }: { p: CoderProgress }) {
  const pct = p.share === null ? null : Math.round(p.share * 100);
  return (
    <div className="progress-cell">
      <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? 0} aria-label="share of lines coded">
        <span style={{ width: `${pct ?? 0}%` }} />
      </div>
      <span className="share" data-share={p.share ?? ''}>{pct === null ? 'n/a' : `${pct}%`}</span>
      <span className="muted small">
        {p.codings} codings · {p.notes} notes · {p.statements} statements
      </span>
    </div>
  );
}
