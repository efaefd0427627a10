import { useId, useMemo, useState } from 'react';
import type { CodebookDecisionRequest } from '../../../shared/reconcile/codebookDecision';
import type { CodebookReconcileView, PrivateThemeRow } from '../../../shared/reconcile/codebookReconcileTypes';
import { ApiError, api } from '../api';
import { ownerName } from './format';

type Op = CodebookDecisionRequest['op'];
const OPS: Array<[Op, string]> = [
  ['map', 'Map onto an existing theme'],
  ['merge', 'Merge with other coders’ themes into a new shared theme'],
  ['promote', 'Promote as it is into the shared codebook'],
  ['exclude', 'Keep out of the consensus'],
];

/**
 * The lead's decision on one private theme (issue 15 item 2): the four choices, what each needs,
 * and the rationale every decision carries. The server checks it (cycles, merging into itself,
 * unknown themes) and refuses with a message shown here; nothing changes then.
 */
export function DecisionForm(props: { view: CodebookReconcileView; theme: PrivateThemeRow; names: ReadonlyMap<string, string>; initial?: { op: Op; into?: string }; onDone: () => void; onCancel: () => void }) {
  const { view, theme, names } = props;
  const id = useId();
  const [op, setOp] = useState<Op>(props.initial?.op ?? theme.decision?.op ?? 'map');
  const suggested = theme.suggestions.map((s) => s.themeId);
  const [into, setInto] = useState(props.initial?.into ?? suggested[0] ?? '');
  const [others, setOthers] = useState<string[]>(suggested.filter((s) => theme.suggestions.find((m) => m.themeId === s)?.owner !== null).slice(0, 1));
  const [label, setLabel] = useState(theme.label);
  const [parentId, setParentId] = useState('');
  const [rationale, setRationale] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Targets: shared themes and other coders' undecided private themes, the suggestions first.
  const targets = useMemo(() => {
    const privates = view.coders.filter((c) => c.id !== theme.owner).flatMap((c) => c.themes.filter((t) => t.decision === null));
    const all = [...view.shared.filter((t) => t.status !== 'retired'), ...privates];
    return [...all.filter((t) => suggested.includes(t.id)).sort((a, b) => suggested.indexOf(a.id) - suggested.indexOf(b.id)), ...all.filter((t) => !suggested.includes(t.id))];
  }, [view, theme, suggested]);
  const mergeable = useMemo(() => view.coders.filter((c) => c.id !== theme.owner).flatMap((c) => c.themes), [view, theme]);
  const parents = view.shared.filter((t) => t.status !== 'retired');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const parent = parentId === '' ? null : parentId;
    const body: CodebookDecisionRequest =
      op === 'map'
        ? { op, themeId: theme.id, into, rationale }
        : op === 'merge'
          ? { op, themeIds: [theme.id, ...others], label, parentId: parent, rationale }
          : op === 'promote'
            ? { op, themeId: theme.id, parentId: parent, rationale }
            : { op, themeId: theme.id, rationale };
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/studies/${view.study.id}/codebook/decisions`, body);
      props.onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'the decision could not be recorded');
    } finally {
      setBusy(false);
    }
  };

  const placeField = (
    <label className="cr-field">
      Place under
      <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
        <option value="">the top level</option>
        {parents.map((p) => (
          <option key={p.id} value={p.id}>{p.pathLabels.join(' › ')}</option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="cr-form" onSubmit={submit} aria-label={`Decision on ${theme.label}`}>
      <fieldset>
        <legend>Decision on “{theme.label}”</legend>
        {OPS.map(([value, text]) => (
          <label key={value} className="cr-choice">
            <input type="radio" name={`${id}-op`} value={value} checked={op === value} onChange={() => setOp(value)} /> {text}
          </label>
        ))}
      </fieldset>
      {op === 'map' && (
        <label className="cr-field">
          Theme to map onto
          <select value={into} onChange={(e) => setInto(e.target.value)} required>
            <option value="" disabled>choose a theme</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>{t.pathLabels.join(' › ')} ({ownerName(t.owner, names)}){suggested.includes(t.id) ? ' — suggested' : ''}</option>
            ))}
          </select>
        </label>
      )}
      {op === 'merge' && (
        <>
          <fieldset className="cr-merge">
            <legend>Other coders’ themes to merge with it</legend>
            {mergeable.map((t) => (
              <label key={t.id} className="cr-choice">
                <input type="checkbox" checked={others.includes(t.id)} onChange={(e) => setOthers(e.target.checked ? [...others, t.id] : others.filter((o) => o !== t.id))} /> {t.label} ({ownerName(t.owner, names)}){suggested.includes(t.id) ? ' — suggested' : ''}
              </label>
            ))}
          </fieldset>
          <label className="cr-field">
            Label of the new shared theme
            <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} />
          </label>
          {placeField}
        </>
      )}
      {op === 'promote' && placeField}
      <label className="cr-field">
        Rationale (required)
        <textarea value={rationale} onChange={(e) => setRationale(e.target.value)} required rows={2} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="card-actions">
        <button type="submit" disabled={busy}>{theme.decision ? 'Revise decision' : 'Record decision'}</button>
        <button type="button" className="link" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  );
}
