import { useState } from 'react';
import { api, ApiError } from '../api';
import type { ThemeTree } from '../../../shared/themes';
import { type Draft, requestOf } from './draft';
import type { DiscussionItem, ResolutionKind } from './types';

const KIND_KEYS: Array<[Exclude<ResolutionKind, 'accept'>, string, string]> = [
  ['union', 'Union', 'u'],
  ['intersection', 'Intersection', 'i'],
  ['custom', 'Custom span and theme', 'e'],
  ['drop', 'Drop', 'x'],
];

/**
 * The lead's resolution: whose version to keep (or union, intersection, a custom span and theme,
 * or dropping the coding), with a rationale the server requires. Sending it again revises the
 * resolution; the server keeps the earlier ones in the item's history.
 */
export function ResolutionPanel(props: {
  item: DiscussionItem;
  draft: Draft;
  setDraft: (d: Draft) => void;
  tree: ThemeTree | null;
  nameOf: (id: string) => string;
  cite: (span: { start: number; end: number }) => string;
  rationaleRef: React.Ref<HTMLTextAreaElement>;
}) {
  const { item, draft, setDraft } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = requestOf(draft);
  const submit = async () => {
    if (!check.ok) return setError(check.reason);
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/transcripts/${item.transcriptId}/discussion/${encodeURIComponent(item.key)}/resolution`, check.body);
      setDraft({ ...draft, kind: null, coder: null, rationale: '' });
      // Sent with Ctrl+Enter, focus would stay in the emptied rationale and swallow j/k: release it
      // so the lead can move straight on to the next item.
      if (document.activeElement instanceof HTMLTextAreaElement) document.activeElement.blur();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The resolution was not saved; try again.');
    } finally {
      setBusy(false);
    }
  };
  const pick = (kind: ResolutionKind, coder: string | null = null) => setDraft({ ...draft, kind, coder });
  const themes = props.tree?.themes.filter((t) => t.status !== 'retired' && !t.mergedInto) ?? [];
  return (
    <section className="rc-resolve" aria-label="resolution">
      <h3>{item.resolution ? 'Revise the resolution' : 'Resolve'}</h3>
      <div className="rc-choices" role="group" aria-label="resolution kind">
        {item.coders.map((c, i) => (
          <button key={c.coder} type="button" className={draft.kind === 'accept' && draft.coder === c.coder ? 'choice chosen' : 'choice'} aria-pressed={draft.kind === 'accept' && draft.coder === c.coder} onClick={() => pick('accept', c.coder)}>
            Accept {props.nameOf(c.coder)} <kbd>{i + 1}</kbd>
          </button>
        ))}
        {KIND_KEYS.map(([kind, label, key]) => (
          <button key={kind} type="button" className={draft.kind === kind ? 'choice chosen' : 'choice'} aria-pressed={draft.kind === kind} onClick={() => pick(kind)}>
            {label} <kbd>{key}</kbd>
          </button>
        ))}
      </div>
      {draft.kind === 'custom' && (
        <div className="rc-custom">
          <label>
            Theme
            <select aria-label="custom theme" value={draft.themeId} onChange={(e) => setDraft({ ...draft, themeId: e.target.value })}>
              {themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {'\u2003'.repeat(t.level)}
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <p className="small">
            Span: <strong data-testid="custom-span">{props.cite(draft.span)}</strong> ({draft.span.end - draft.span.start} characters). Select text in any column above to change it.
          </p>
        </div>
      )}
      <label>
        Rationale (required)
        <textarea
          ref={props.rationaleRef}
          aria-label="rationale"
          rows={2}
          value={draft.rationale}
          onChange={(e) => setDraft({ ...draft, rationale: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          }}
        />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="button" disabled={busy || !check.ok} onClick={() => void submit()} title={check.ok ? 'Ctrl+Enter' : check.reason}>
        {item.resolution ? 'Revise resolution' : 'Resolve'}
      </button>
      {!check.ok && <span className="muted small"> {check.reason}</span>}
    </section>
  );
}
