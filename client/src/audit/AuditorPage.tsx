import { useEffect, useMemo, useState } from 'react';
import { type AuditEvent, type ChainVerdict, verifyChain } from '../../../shared/auditChain';
import { docName } from '../../../shared/docNames';
import { type Member, type User, api } from '../api';
import type { Discussion } from '../reconcile/types';
import { useDiscussions } from '../reconcile/useDiscussions';
import { useStudyContext } from '../reconcile/useStudyContext';
import { Link } from '../router';
import { ExportLinks } from '../tables/exportLinks';
import { useThemeTree } from '../workspace/useThemeTree';
import { AuditTrail } from './AuditTrail';
import { CodebookHistory } from './CodebookHistory';
import { DecisionsLog } from './DecisionsLog';
import { LayersAtReveal } from './LayersAtReveal';

const NO_MEMBERS: Member[] = [];

type Trail = { events: AuditEvent[]; server: ChainVerdict; local: ChainVerdict };

/**
 * The auditor's view (issue 6 item 6): everything needed to retrace the analysis, read-only:
 * agreement, every disagreement with its thread and decision, the codebook's history, each
 * coder's layer as revealed, and the audit trail with its chain verified. Nothing on this page
 * writes; leads see it too.
 */
export function AuditorPage({ studyId, me }: { studyId: string; me: User }) {
  const { ctx, error } = useStudyContext(useMemo(() => ({ studyId }), [studyId]));
  const [trail, setTrail] = useState<Trail | null>(null);
  const [trailError, setTrailError] = useState<string | null>(null);
  useEffect(() => {
    api<{ events: AuditEvent[] } & ChainVerdict>('GET', `/api/studies/${studyId}/audit`).then(
      ({ events, ...server }) => setTrail({ events, server: server.verified ? { verified: true, redacted: server.redacted } : server, local: verifyChain(events) }),
      (e: unknown) => setTrailError(e instanceof Error ? e.message : 'cannot load the audit trail'),
    );
  }, [studyId]);
  const revealed = useMemo(() => ctx?.transcripts.filter((t) => t.phase !== 'coding') ?? [], [ctx]);
  const states = useDiscussions(useMemo(() => revealed.map((t) => t.id), [revealed]));
  const discussions = useMemo(() => {
    const m = new Map<string, Discussion>();
    for (const [tid, st] of states) if (st.state === 'loaded') m.set(tid, st.discussion);
    return m;
  }, [states]);
  const { tree } = useThemeTree(ctx?.study ?? null, ctx?.members ?? NO_MEMBERS, me.id);

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!ctx) return <div className="page">Loading…</div>;
  const nameOf = (id: string | null) => (id === null ? 'the system' : (ctx.members.find((m) => m.userId === id)?.name ?? 'a former member'));
  const labelOf = (themeId: string) => (tree ? (tree.byId.get(tree.resolve(themeId))?.label ?? 'unknown theme') : '…');
  const coders = ctx.members.filter((m) => m.role !== 'auditor');
  // Targets are stored as `kind:id`; show what a reader recognises, keeping the id in a tooltip.
  const targetOf = (target: string) => {
    const [kind, id = ''] = target.split(':', 2);
    if (kind === 'user') return ctx.members.find((m) => m.userId === id)?.name ?? target;
    if (kind === 'transcript') return ctx.transcripts.find((t) => t.id === id)?.title ?? target;
    if (kind === 'participant') return ctx.participants.find((p) => p.id === id)?.pseudonym ?? target;
    if (kind === 'theme') return labelOf(id);
    if (kind === 'study') return ctx.study.title;
    return target;
  };
  return (
    <div className="page wide audit-page">
      <p className="crumbs">
        <Link to="/">Studies</Link> / <Link to={`/studies/${studyId}`}>{ctx.study.title}</Link> /
      </p>
      <h1>Audit</h1>
      <p className="muted">Read-only. Every figure, thread and decision below comes from the server’s records of this study.</p>
      <nav className="study-links" aria-label="audit views">
        <Link to={`/studies/${studyId}/agreement`}>Inter-coder agreement</Link>
        <Link to={`/studies/${studyId}/reconcile`}>Disagreements and threads</Link>
        <Link to={`/studies/${studyId}/table`}>Table of themes</Link>
      </nav>

      <section aria-label="reconciliation">
        <h2>Reconciliation</h2>
        <table className="grid" aria-label="reconciliation by transcript">
          <thead>
            <tr><th>Transcript</th><th>Phase</th><th>Resolved</th><th>Comments</th><th /></tr>
          </thead>
          <tbody>
            {ctx.transcripts.map((t) => {
              const d = discussions.get(t.id);
              return (
                <tr key={t.id}>
                  <td>{t.title}</td>
                  <td><span className={`phase ${t.phase}`}>{t.phase}</span></td>
                  <td>{d ? `${d.progress.resolved} / ${d.progress.total}` : t.phase === 'coding' ? 'not revealed' : '…'}</td>
                  <td>{d ? d.comments.length : ''}</td>
                  <td>{t.phase !== 'coding' && <Link to={`/transcripts/${t.id}/reconcile`}>open the threads</Link>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <ExportLinks base={`/api/studies/${studyId}/reconciliation`} label="Export the reconciliation record" />
      </section>

      <DecisionsLog transcripts={revealed} discussions={discussions} nameOf={(id) => nameOf(id)} labelOf={labelOf} />
      <CodebookHistory studyId={studyId} events={trail?.events ?? []} nameOf={nameOf} labelOf={labelOf} />
      <LayersAtReveal transcripts={ctx.transcripts} coders={coders} events={trail?.events ?? []} labelOf={labelOf} />
      {trailError && <p className="error">{trailError}</p>}
      {trail && <AuditTrail studyId={studyId} events={trail.events} server={trail.server} local={trail.local} nameOf={nameOf} targetOf={targetOf} />}
    </div>
  );
}
