import { useState } from 'react';
import { api, ApiError, type TranscriptMeta } from '../api';
import type { Discussion } from './types';

/**
 * The lead's phase steps around reconciliation: reveal transcripts still being coded (one or a
 * batch), and finalise a transcript once every item is resolved, after which everything on it is
 * read-only. The server re-checks all of it; the buttons only appear where they can succeed.
 */
export function PhasePanel(props: { studyId: string; transcripts: readonly TranscriptMeta[]; discussions: ReadonlyMap<string, Discussion>; onChanged: () => void }) {
  const coding = props.transcripts.filter((t) => t.phase === 'coding');
  const ready = props.transcripts.filter((t) => {
    const d = props.discussions.get(t.id);
    return t.phase === 'reconciling' && d && d.progress.resolved === d.progress.total;
  });
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setChosen([]);
      props.onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'That did not work; try again.');
    } finally {
      setBusy(false);
    }
  };
  if (coding.length === 0 && ready.length === 0) return null;
  return (
    <section className="rc-phase card" aria-label="phases">
      {coding.length > 0 && (
        <div>
          <h3>Reveal for reconciliation</h3>
          <p className="muted small">Every member then sees all layers, read-only, and the disagreements become discussion items. Agreed regions go straight into the consensus.</p>
          {coding.map((t) => (
            <label key={t.id} className="check">
              <input type="checkbox" checked={chosen.includes(t.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, t.id] : chosen.filter((c) => c !== t.id))} /> {t.title}
            </label>
          ))}
          <button type="button" disabled={busy || chosen.length === 0} onClick={() => window.confirm(`Reveal ${chosen.length} transcript(s) for reconciliation? Coding stops and every member sees all layers.`) && void run(() => api('POST', `/api/studies/${props.studyId}/reveal`, { transcriptIds: chosen }))}>
            Reveal {chosen.length > 1 ? `${chosen.length} transcripts` : 'transcript'}
          </button>
        </div>
      )}
      {ready.length > 0 && (
        <div>
          <h3>Finalise</h3>
          <p className="muted small">Every disagreement is resolved. Finalising makes the transcript and its consensus read-only.</p>
          {ready.map((t) => (
            <button key={t.id} type="button" disabled={busy} onClick={() => window.confirm(`Finalise ${t.title}? The transcript and its consensus become read-only.`) && void run(() => api('POST', `/api/transcripts/${t.id}/phase`, { phase: 'final' }))}>
              Finalise {t.title}
            </button>
          ))}
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
