import { useEffect, useState } from 'react';
import type { AuditEvent } from '../../../shared/auditChain';
import { docName } from '../../../shared/docNames';
import { api } from '../api';
import { when } from '../reconcile/when';

interface AuthorSummary {
  authorId: string | null;
  authorName: string | null;
  updates: number;
  firstAt: number;
  lastAt: number;
}

/**
 * Who changed the codebook and when: the governance events on themes (merges, splits, renames,
 * retirements, finalising: `theme.*` in the audit trail, with the disagreement they came from)
 * and, underneath, every author of edits to the codebook document itself.
 */
export function CodebookHistory(props: { studyId: string; events: readonly AuditEvent[]; nameOf: (id: string | null) => string; labelOf: (themeId: string) => string }) {
  const [authors, setAuthors] = useState<AuthorSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ authors: AuthorSummary[] }>('GET', `/api/docs/${docName({ kind: 'codebook', studyId: props.studyId })}/history?limit=1`).then(
      (r) => setAuthors(r.authors),
      (e: unknown) => setError(e instanceof Error ? e.message : 'cannot load the history'),
    );
  }, [props.studyId]);
  const themeEvents = props.events.filter((e) => e.action.startsWith('theme.') || e.action.startsWith('decision.'));
  return (
    <section aria-label="codebook history">
      <h2>Codebook history</h2>
      {themeEvents.length === 0 ? (
        <p className="muted">No theme decisions recorded yet.</p>
      ) : (
        <table className="grid" aria-label="theme decisions">
          <thead>
            <tr><th>When</th><th>Who</th><th>Decision</th><th>Theme</th><th>Details</th></tr>
          </thead>
          <tbody>
            {themeEvents.map((e) => {
              const data = (e.data ?? {}) as Record<string, unknown>;
              const themeId = e.target.replace(/^theme:/, '');
              return (
                <tr key={e.seq}>
                  <td className="nowrap">{when(e.at)}</td>
                  <td>{props.nameOf(e.actorId)}</td>
                  <td><code>{e.action}</code></td>
                  <td>{props.labelOf(themeId)}</td>
                  <td className="small">
                    {typeof data.from === 'string' && typeof data.to === 'string' && <>“{data.from}” → “{data.to}”. </>}
                    {typeof data.into === 'string' && <>into {props.labelOf(data.into)}. </>}
                    {typeof data.label === 'string' && <>label “{data.label}”. </>}
                    {typeof data.rationale === 'string' && <q>{data.rationale}</q>}
                    {typeof data.itemKey === 'string' && <span className="muted"> (from disagreement {data.itemKey.slice(0, 8)})</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>Edits to the codebook document</h3>
      {error && <p className="error">{error}</p>}
      {authors && (
        <table className="grid" aria-label="codebook authors">
          <thead>
            <tr><th>Author</th><th>Updates</th><th>First</th><th>Last</th></tr>
          </thead>
          <tbody>
            {authors.map((a) => (
              <tr key={a.authorId ?? 'server'}>
                <td>{a.authorName ?? (a.authorId ? props.nameOf(a.authorId) : 'the server')}</td>
                <td>{a.updates}</td>
                <td className="nowrap">{when(a.firstAt)}</td>
                <td className="nowrap">{when(a.lastAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
