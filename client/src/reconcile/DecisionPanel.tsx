import { useState } from 'react';
import type { ThemeTree } from '../../../shared/themes';
import { api } from '../api';
import { ErrorText, useSubmit } from '../components/Form';
import type { DiscussionItem } from './types';

const OPS = ['rename', 'redefine', 'merge', 'split', 'retire'] as const;
type Op = (typeof OPS)[number];

/**
 * A codebook decision taken from a disagreement (issue 6 item 3): the server applies it to the
 * codebook, so every open client's theme tree updates, and links it to this item in the audit
 * trail. A split moves the consensus codings picked here to a new theme.
 */
export function DecisionPanel(props: { item: DiscussionItem; tree: ThemeTree | null }) {
  const { item, tree } = props;
  const [open, setOpen] = useState(false);
  const [op, setOp] = useState<Op>('rename');
  const [themeId, setThemeId] = useState(item.themeId);
  const [label, setLabel] = useState('');
  const [description, setDescription] = useState('');
  const [into, setInto] = useState('');
  const [codingIds, setCodingIds] = useState<string[]>([]);
  const [rationale, setRationale] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const themes = tree?.themes.filter((t) => t.status !== 'retired' && !t.mergedInto) ?? [];
  const send = useSubmit(async () => {
    const body: Record<string, unknown> = { op, themeId, rationale: rationale.trim() };
    if (op === 'rename' || op === 'split') body.label = label.trim();
    if (op === 'redefine') body.description = description.trim();
    if (op === 'merge') body.into = into;
    if (op === 'split') body.codingIds = codingIds;
    await api('POST', `/api/transcripts/${item.transcriptId}/discussion/${encodeURIComponent(item.key)}/decision`, body);
    setDone(`${op} recorded`);
    setRationale('');
  });
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Codebook decision…
      </button>
    );
  }
  const consensusIds = item.resolution?.codingIds ?? [];
  return (
    <form className="rc-decision card" aria-label="codebook decision" onSubmit={send.onSubmit}>
      <h3>Codebook decision</h3>
      <div className="row">
        <label>
          Decision
          <select aria-label="decision" value={op} onChange={(e) => setOp(e.target.value as Op)}>
            {OPS.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </label>
        <label>
          Theme
          <select aria-label="decision theme" value={themeId} onChange={(e) => setThemeId(e.target.value)}>
            {themes.map((t) => <option key={t.id} value={t.id}>{'\u2003'.repeat(t.level)}{t.label}</option>)}
          </select>
        </label>
      </div>
      {(op === 'rename' || op === 'split') && (
        <label>
          {op === 'rename' ? 'New label' : 'Label of the new theme'}
          <input aria-label="new label" value={label} onChange={(e) => setLabel(e.target.value)} required />
        </label>
      )}
      {op === 'redefine' && (
        <label>
          New definition
          <textarea aria-label="new definition" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} required />
        </label>
      )}
      {op === 'merge' && (
        <label>
          Merge into
          <select aria-label="merge into" value={into} onChange={(e) => setInto(e.target.value)} required>
            <option value="">choose a theme</option>
            {themes.filter((t) => t.id !== themeId).map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
          </select>
        </label>
      )}
      {op === 'split' && (
        <fieldset>
          <legend className="small">Consensus codings to move</legend>
          {consensusIds.length === 0 && <p className="muted small">Resolve the item first: a split moves the consensus codings it wrote.</p>}
          {consensusIds.map((id, i) => (
            <label key={id} className="check">
              <input type="checkbox" checked={codingIds.includes(id)} onChange={(e) => setCodingIds(e.target.checked ? [...codingIds, id] : codingIds.filter((c) => c !== id))} /> coding {i + 1}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Rationale (required)
        <textarea aria-label="decision rationale" rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} required />
      </label>
      <ErrorText error={send.error} />
      {done && <p className="notice small" role="status">{done}</p>}
      <div className="row">
        <button type="submit" disabled={send.busy || !rationale.trim()}>Record decision</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>Close</button>
      </div>
    </form>
  );
}
