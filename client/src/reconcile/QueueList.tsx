import { useEffect, useRef } from 'react';
import type { DiscussionItem } from './types';

/** Keys are stable within a transcript; the queue may hold several transcripts. */
export const entryId = (item: { transcriptId: string; key: string }) => `${item.transcriptId}/${item.key}`;

export interface QueueEntry {
  item: DiscussionItem;
  transcriptTitle: string;
  comments: number;
}

/** The filtered disagreements; the selected one stays scrolled into view as j/k move through. */
export function QueueList(props: { entries: readonly QueueEntry[]; selected: string | null; onSelect: (key: string) => void; labelOf: (themeId: string) => string; showTranscript: boolean }) {
  const listRef = useRef<HTMLOListElement | null>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [props.selected]);
  if (props.entries.length === 0) return <p className="muted">No disagreement matches these filters.</p>;
  return (
    <ol className="rc-queue" ref={listRef} aria-label="disagreements">
      {props.entries.map(({ item, transcriptTitle, comments }) => (
        <li key={`${item.transcriptId}/${item.key}`}>
          <button type="button" className={`rc-entry ${item.status}`} aria-current={props.selected === entryId(item)} data-key={item.key} onClick={() => props.onSelect(entryId(item))}>
            <span className="rc-entry-title">{props.labelOf(item.themeId)}</span>
            <span className="small muted">
              {props.showTranscript ? `${transcriptTitle}, ` : ''}
              {item.lines?.label ?? `characters ${item.start}-${item.end}`} · {item.kind}
              {comments > 0 ? ` · ${comments} comment${comments === 1 ? '' : 's'}` : ''}
            </span>
            <span className={`rc-status ${item.status}`}>{item.status}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
