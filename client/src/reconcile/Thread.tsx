import { useState } from 'react';
import { api } from '../api';
import { ErrorText, useSubmit } from '../components/Form';
import type { DiscussionComment } from './types';
import { when } from './when';

/**
 * An item's comment thread. Posting is a REST command; the new comment reaches every open view,
 * this one included, through the discussion document, so nothing is added locally.
 */
export function Thread(props: {
  transcriptId: string;
  itemKey: string;
  comments: readonly DiscussionComment[];
  canComment: boolean;
  nameOf: (userId: string) => string;
  inputRef?: React.Ref<HTMLTextAreaElement>;
}) {
  const [text, setText] = useState('');
  const post = useSubmit(async () => {
    await api('POST', `/api/transcripts/${props.transcriptId}/discussion/${encodeURIComponent(props.itemKey)}/comments`, { text: text.trim() });
    setText('');
  });
  return (
    <section className="rc-thread" aria-label="discussion">
      <h3>Discussion</h3>
      {props.comments.length === 0 ? (
        <p className="muted small">No comments yet.</p>
      ) : (
        <ol className="rc-comments">
          {props.comments.map((c) => (
            <li key={c.id} data-testid="comment">
              <div className="small">
                <strong>{c.authorName || props.nameOf(c.author)}</strong> <span className="muted">{when(c.at)}</span>
              </div>
              <p>{c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {props.canComment && (
        <form onSubmit={post.onSubmit} aria-label="add a comment">
          <textarea
            ref={props.inputRef}
            aria-label="comment"
            rows={2}
            value={text}
            placeholder="Why did you code it this way? (c to focus, Ctrl+Enter to send)"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && text.trim()) void post.onSubmit(e);
            }}
          />
          <ErrorText error={post.error} />
          <button type="submit" disabled={post.busy || !text.trim()}>
            Comment
          </button>
        </form>
      )}
    </section>
  );
}
