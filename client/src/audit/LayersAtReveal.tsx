import { useState } from 'react';
import type { AuditEvent } from '../../../shared/auditChain';
import { formatLineRange, lineRangeOf } from '../../../shared/transcript';
import type { Member, TranscriptMeta } from '../api';
import { api } from '../api';
import { when } from '../reconcile/when';

interface Snapshot {
  takenAt?: number;
  sha256?: string;
  codings: Array<{ id: string; themeId: string; start: number; end: number }>;
  /** The transcript's lines, to cite codings as line ranges. */
  lines: Array<{ n: number; start: number; end: number }>;
  notes: number;
  statements: number;
}

/** The snapshot answer, whether the layer is nested under `layer` or not. */
function readSnapshot(r: unknown, lines: Snapshot['lines']): Snapshot {
  const o = (r ?? {}) as Record<string, unknown>;
  const layer = ((o.layer ?? o.snapshot ?? o) as Record<string, unknown>) ?? {};
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    ...(typeof o.takenAt === 'number' ? { takenAt: o.takenAt } : {}),
    ...(typeof o.sha256 === 'string' ? { sha256: o.sha256 } : {}),
    codings: list(layer.codings) as Snapshot['codings'],
    lines,
    notes: list(layer.notes).length,
    statements: list(layer.statements).length,
  };
}

/**
 * Each coder's layer as it stood when its transcript entered reconciliation (the snapshot the
 * server took at reveal), loaded on demand: what the coder did independently, before discussion.
 */
export function LayersAtReveal(props: { transcripts: readonly TranscriptMeta[]; coders: readonly Member[]; events: readonly AuditEvent[]; labelOf: (themeId: string) => string }) {
  const [open, setOpen] = useState<Map<string, Snapshot | string>>(new Map());
  const load = async (tid: string, uid: string) => {
    const k = `${tid}/${uid}`;
    try {
      const [raw, t] = await Promise.all([api('GET', `/api/transcripts/${tid}/layers/${uid}/at-reveal`), api<{ lines: Snapshot['lines'] }>('GET', `/api/transcripts/${tid}`)]);
      const snap = readSnapshot(raw, t.lines);
      setOpen((m) => new Map(m).set(k, snap));
    } catch (e) {
      setOpen((m) => new Map(m).set(k, e instanceof Error ? e.message : 'not available'));
    }
  };
  const revealed = props.transcripts.filter((t) => t.phase !== 'coding');
  // Whose layers the reveal snapshotted, from its audit event; every coder when it says nothing.
  const ownersOf = (tid: string): readonly Member[] => {
    const reveal = props.events.filter((e) => e.action === 'reconcile.reveal' && e.target === `transcript:${tid}`).at(-1);
    const snaps = (reveal?.data as { snapshots?: Array<{ owner?: unknown }> } | undefined)?.snapshots;
    if (!Array.isArray(snaps)) return props.coders;
    const owners = new Set(snaps.map((x) => x.owner));
    return props.coders.filter((c) => owners.has(c.userId));
  };
  return (
    <section aria-label="layers at reveal">
      <h2>Layers at reveal</h2>
      {revealed.length === 0 && <p className="muted">No transcript has been revealed yet.</p>}
      {revealed.map((t) => (
        <div key={t.id} className="card">
          <h3>{t.title}</h3>
          <ul className="plain">
            {ownersOf(t.id).map((c) => {
              const snap = open.get(`${t.id}/${c.userId}`);
              return (
                <li key={c.userId}>
                  <button type="button" className="link" onClick={() => void load(t.id, c.userId)}>{c.name}’s layer at reveal</button>
                  {typeof snap === 'string' && <span className="muted small"> {snap}</span>}
                  {snap && typeof snap !== 'string' && (
                    <div className="small" data-testid="snapshot">
                      {snap.codings.length} codings, {snap.notes} notes, {snap.statements} statements
                      {snap.takenAt !== undefined && <>, taken {when(snap.takenAt)}</>}
                      {snap.sha256 && <> · sha256 <code title={snap.sha256}>{snap.sha256.slice(0, 12)}…</code></>}
                      <ul>
                        {snap.codings.map((cd) => <li key={cd.id}>{props.labelOf(cd.themeId)} ({formatLineRange(lineRangeOf(snap.lines, cd.start, cd.end))})</li>)}
                      </ul>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
