import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { docName } from '../../../shared/docNames';
import { Link } from '../router';
import { coderColor } from '../workspace/colors';
import { useThemeTree } from '../workspace/useThemeTree';
import type { Member, User } from '../api';
import { type Draft, emptyDraft } from './draft';
import { ItemDetail } from './ItemDetail';
import { PhasePanel } from './PhasePanel';
import { ProgressBar } from './ProgressBar';
import { NO_FILTER, type QueueFilter, matchesFilter } from './queueFilter';
import { QueueFilters } from './QueueFilters';
import { type QueueEntry, QueueList, entryId } from './QueueList';
import type { Discussion } from './types';
import { useDiscussions } from './useDiscussions';
import { SHORTCUTS, useQueueKeys } from './useQueueKeys';
import { useStudyContext } from './useStudyContext';
import { useTranscriptTexts } from './useTranscriptTexts';

const NO_MEMBERS: Member[] = [];

export type ReconcileScope = { studyId: string } | { transcriptId: string };

/**
 * The reconciliation view (issue 6 item 2): the queue of disagreements of one transcript or of
 * the whole study, each with its coders' versions side by side, its thread and, for leads, the
 * resolution tools. Everything shown comes from the server-written discussion documents, so a
 * comment or a resolution made anywhere appears here without a reload.
 */
export function ReconcilePage({ scope, me }: { scope: ReconcileScope; me: User }) {
  const { ctx, error, reload } = useStudyContext(scope);
  const inScope = useMemo(() => (ctx ? ctx.transcripts.filter((t) => !('transcriptId' in scope) || t.id === scope.transcriptId) : []), [ctx, scope]);
  const revealed = useMemo(() => inScope.filter((t) => t.phase !== 'coding'), [inScope]);
  const states = useDiscussions(useMemo(() => revealed.map((t) => t.id), [revealed]));
  const { tree } = useThemeTree(ctx?.study ?? null, ctx?.members ?? NO_MEMBERS, me.id);

  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraftState] = useState<{ id: string; draft: Draft } | null>(null);
  const [help, setHelp] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement | null>(null);
  const rationaleRef = useRef<HTMLTextAreaElement | null>(null);

  const discussions = useMemo(() => {
    const m = new Map<string, Discussion>();
    for (const [tid, st] of states) if (st.state === 'loaded') m.set(tid, st.discussion);
    return m;
  }, [states]);
  const titleOf = useCallback((tid: string) => ctx?.transcripts.find((t) => t.id === tid)?.title ?? 'transcript', [ctx]);
  const pathOf = useCallback((themeId: string) => (tree ? (tree.byId.get(tree.resolve(themeId))?.path ?? [themeId]) : [themeId]), [tree]);
  const labelOf = useCallback((themeId: string) => (tree ? (tree.byId.get(tree.resolve(themeId))?.label ?? 'unknown theme') : '…'), [tree]);
  const coders = useMemo(() => (ctx ? ctx.members.filter((m) => m.role !== 'auditor') : []), [ctx]);
  const entries: QueueEntry[] = useMemo(() => {
    // Coders appear in member order in every item (columns, buttons, keys 1-9), whatever order
    // the server listed them in, so "1" is always the same person.
    const rank = (id: string) => {
      const i = coders.findIndex((m) => m.userId === id);
      return i < 0 ? coders.length : i;
    };
    const out: QueueEntry[] = [];
    for (const t of revealed) {
      const d = discussions.get(t.id);
      if (!d) continue;
      for (const item of d.items) {
        if (!matchesFilter(item, filter, pathOf)) continue;
        const sorted = { ...item, coders: [...item.coders].sort((a, b) => rank(a.coder) - rank(b.coder)) };
        out.push({ item: sorted, transcriptTitle: t.title, comments: d.comments.filter((c) => c.itemKey === item.key).length });
      }
    }
    return out;
  }, [revealed, discussions, filter, pathOf, coders]);

  const index = Math.max(0, entries.findIndex((e) => entryId(e.item) === selectedId));
  const selected = entries[index] ?? null;
  const selId = selected ? entryId(selected.item) : null;
  const texts = useTranscriptTexts(selected ? [selected.item.transcriptId] : []);
  const currentDraft = selected ? (draft?.id === selId ? draft.draft : emptyDraft(selected.item)) : null;
  const setDraft = useCallback((d: Draft) => selId && setDraftState({ id: selId, draft: d }), [selId]);

  // Colours follow member order exactly as in the workspace, so a coder keeps one colour everywhere.
  const colorOf = useCallback((id: string) => coderColor(Math.max(0, coders.findIndex((m) => m.userId === id))), [coders]);
  const nameOf = useCallback((id: string) => ctx?.members.find((m) => m.userId === id)?.name ?? 'a former member', [ctx]);

  const role = ctx?.study.role ?? null;
  const selectedPhase = selected ? ctx?.transcripts.find((t) => t.id === selected.item.transcriptId)?.phase : undefined;
  const canComment = (role === 'lead' || role === 'coder') && selectedPhase === 'reconciling';
  const canResolve = role === 'lead' && selectedPhase === 'reconciling';

  useQueueKeys({
    next: () => entries.length && setSelectedId(entryId(entries[Math.min(entries.length - 1, index + 1)]!.item)),
    prev: () => entries.length && setSelectedId(entryId(entries[Math.max(0, index - 1)]!.item)),
    focusComment: () => commentRef.current?.focus(),
    toggleHelp: () => setHelp((h) => !h),
    choose:
      canResolve && selected && currentDraft
        ? (kind, coderIndex) => {
            const coder = coderIndex === undefined ? null : (selected.item.coders[coderIndex]?.coder ?? null);
            if (kind === 'accept' && !coder) return;
            setDraft({ ...currentDraft, kind, coder });
            rationaleRef.current?.focus();
          }
        : null,
  });

  // A phase change (reveal, finalise) changes which discussions exist: re-read the study.
  const onPhaseChanged = useCallback(() => void reload(), [reload]);
  useEffect(() => {
    if (selected && selId !== selectedId) setSelectedId(selId);
  }, [selected, selId, selectedId]);

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!ctx) return <div className="page">Loading…</div>;
  const total = [...discussions.values()].reduce((a, d) => ({ resolved: a.resolved + d.progress.resolved, total: a.total + d.progress.total }), { resolved: 0, total: 0 });
  const failed = [...states.entries()].filter(([, st]) => st.state === 'failed');
  const single = 'transcriptId' in scope ? inScope[0] : undefined;
  const studyComments = selected ? (discussions.get(selected.item.transcriptId)?.comments.filter((c) => c.itemKey === selected.item.key) ?? []) : [];
  return (
    <div className="page reconcile-page">
      <p className="crumbs">
        <Link to="/">Studies</Link> / <Link to={`/studies/${ctx.study.id}`}>{ctx.study.title}</Link> /{single && <> <Link to={`/transcripts/${single.id}`}>{single.title}</Link> /</>}
      </p>
      <div className="rc-head">
        <h1>Reconciliation{single ? `: ${single.title}` : ''}</h1>
        <ProgressBar resolved={total.resolved} total={total.total} label="reconciliation progress" />
      </div>
      <p className="muted small">
        {role === 'lead' ? 'Discuss each disagreement, then resolve it with a rationale.' : role === 'auditor' ? 'Read-only: auditors see every disagreement, thread and decision.' : 'Explain your coding in the thread; a lead resolves each item.'}{' '}
        <button type="button" className="link small" onClick={() => setHelp((h) => !h)}>Keyboard shortcuts (?)</button>
        {!single && <> · <Link to={`/studies/${ctx.study.id}/table`}>Table of themes</Link></>}
        {role !== 'coder' && <> · <Link to={`/studies/${ctx.study.id}/codebook`}>Codebook reconciliation</Link></>}
      </p>
      {help && (
        <dl className="rc-help card" aria-label="keyboard shortcuts">
          {SHORTCUTS.map(([k, what]) => (
            <div key={k}><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>
          ))}
        </dl>
      )}
      {role === 'lead' && <PhasePanel studyId={ctx.study.id} transcripts={inScope} discussions={discussions} onChanged={onPhaseChanged} />}
      {failed.map(([tid, st]) => <p key={tid} className="error">{titleOf(tid)}: {st.state === 'failed' ? st.message : ''}</p>)}
      {revealed.length === 0 ? (
        <p className="notice">Nothing is being reconciled yet: {role === 'lead' ? 'reveal a transcript above' : 'a lead reveals transcripts when coding is done'}.</p>
      ) : (
        <div className="rc-layout">
          <aside className="rc-side">
            <QueueFilters filter={filter} onChange={setFilter} transcripts={revealed} tree={tree} coders={coders} />
            <QueueList entries={entries} selected={selId} onSelect={setSelectedId} labelOf={labelOf} showTranscript={revealed.length > 1} />
          </aside>
          {selected && currentDraft ? (
            <ItemDetail
              key={selId}
              item={selected.item}
              comments={studyComments}
              transcript={texts.get(selected.item.transcriptId)}
              transcriptTitle={selected.transcriptTitle}
              tree={tree}
              nameOf={nameOf}
              colorOf={colorOf}
              canComment={canComment}
              canResolve={canResolve}
              draft={currentDraft}
              setDraft={setDraft}
              commentRef={commentRef}
              rationaleRef={rationaleRef}
            />
          ) : (
            <p className="muted">{total.total === 0 ? 'No disagreements: the coders agreed everywhere.' : 'Choose a disagreement.'}</p>
          )}
        </div>
      )}
    </div>
  );
}
