import type { ThemeTree } from '../../../shared/themes';
import { formatLineRange, lineRangeOf } from '../../../shared/transcript';
import { Link } from '../router';
import { CoderContext, type ContextColumn } from './CoderContext';
import { DecisionPanel } from './DecisionPanel';
import { describeDecision } from './describeDecision';
import type { Draft } from './draft';
import { ResolutionPanel } from './ResolutionPanel';
import { ResolutionSummary } from './ResolutionSummary';
import { Thread } from './Thread';
import type { DiscussionComment, DiscussionItem } from './types';
import type { TranscriptText } from './useTranscriptTexts';

const CONSENSUS_COLOR = '#57606a';
const KIND_HELP = { presence: 'one coder only', category: 'same text, another theme', boundary: 'same theme, other extent' } as const;

export interface ItemDetailProps {
  item: DiscussionItem;
  comments: readonly DiscussionComment[];
  transcript: TranscriptText | undefined;
  transcriptTitle: string;
  tree: ThemeTree | null;
  nameOf: (id: string) => string;
  colorOf: (id: string) => string;
  canComment: boolean;
  canResolve: boolean;
  draft: Draft;
  setDraft: (d: Draft) => void;
  commentRef: React.Ref<HTMLTextAreaElement>;
  rationaleRef: React.Ref<HTMLTextAreaElement>;
}

/** One disagreement: what each coder did, what was decided, the thread, and the lead's tools. */
export function ItemDetail(p: ItemDetailProps) {
  const { item, tree, nameOf } = p;
  const labelOf = (id: string) => (tree ? (tree.byId.get(tree.resolve(id))?.label ?? 'unknown theme') : '…');
  const cite = (s: { start: number; end: number }) => (p.transcript ? formatLineRange(lineRangeOf(p.transcript.lines, s.start, s.end)) : `${s.start}-${s.end}`);
  const columns: ContextColumn[] = item.coders.map((c) => ({
    id: c.coder,
    title: nameOf(c.coder),
    color: p.colorOf(c.coder),
    spans: c.spans,
    ...(c.spans.length === 0 ? { note: c.otherThemes.length ? `coded it as ${c.otherThemes.map(labelOf).join(', ')}` : 'did not code this' } : c.otherThemes.length ? { note: `also ${c.otherThemes.map(labelOf).join(', ')}` } : {}),
  }));
  if (item.resolution) columns.push({ id: 'consensus', title: 'Consensus', color: CONSENSUS_COLOR, spans: item.resolution.spans, note: item.resolution.kind === 'drop' ? 'dropped' : labelOf(item.resolution.themeId) });
  return (
    <article className="rc-detail card" aria-label="disagreement" data-key={item.key}>
      <header className="rc-detail-head">
        <div>
          <h2>{labelOf(item.themeId)}</h2>
          <p className="muted small">
            <Link to={`/transcripts/${item.transcriptId}#l-${item.lines?.from ?? 1}`}>{p.transcriptTitle}, {item.lines?.label ?? cite(item)}</Link> · <span className="rc-kind" data-kind={item.kind}>{item.kind}</span> ({KIND_HELP[item.kind]}) ·{' '}
            <span className={`rc-status ${item.status}`} data-testid="item-status">{item.status}</span>
          </p>
        </div>
      </header>
      {p.transcript ? (
        <CoderContext item={item} transcript={p.transcript} columns={columns} {...(p.canResolve && p.draft.kind === 'custom' ? { onSelect: (span) => p.setDraft({ ...p.draft, span }) } : {})} />
      ) : (
        <blockquote className="rc-quote">{item.quote}</blockquote>
      )}
      {item.resolution && <ResolutionSummary current={item.resolution} history={item.history} nameOf={nameOf} labelOf={labelOf} cite={cite} />}
      {item.decisions.length > 0 && (
        <section className="rc-decisions" aria-label="codebook decisions">
          <h3>Codebook decisions from this disagreement</h3>
          <ul className="small">
            {item.decisions.map((d, i) => (
              <li key={i} data-testid="item-decision">
                <strong>{describeDecision(d, labelOf)}</strong> by {d.byName || nameOf(d.by)}: <q>{d.rationale}</q>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Thread transcriptId={item.transcriptId} itemKey={item.key} comments={p.comments} canComment={p.canComment} nameOf={nameOf} inputRef={p.commentRef} />
      {p.canResolve && (
        <>
          <ResolutionPanel item={item} draft={p.draft} setDraft={p.setDraft} tree={tree} nameOf={nameOf} cite={cite} rationaleRef={p.rationaleRef} />
          <DecisionPanel key={item.key} item={item} tree={tree} />
        </>
      )}
    </article>
  );
}
