import type { Member } from '../api';
import type { OtherLayer } from './useLayers';

export interface WorkspaceLegendProps {
  /** The user's own colour and codings, when they code. */
  own: { color: string; codings: number } | null;
  otherLayers: readonly OtherLayer[];
  coders: readonly Member[];
  hidden: ReadonlySet<string>;
  setHidden: (f: (h: ReadonlySet<string>) => ReadonlySet<string>) => void;
  colorOf: (userId: string) => string;
  nameOf: (userId: string) => string;
  blind: boolean;
}

/**
 * The worksheet's foot: the user's colour and count, and a toggle per other coder whose work this
 * user reads (open mode). A lead appears there only with work in this transcript, never as a
 * coder with "0 codings"; every coder appears, even before their first coding.
 */
export function WorkspaceLegend(p: WorkspaceLegendProps) {
  return (
    <footer className="legend">
      {p.own && (
        <span className="legend-item">
          <span className="stripe" style={{ background: p.own.color }} /> you ({p.own.codings} codings)
        </span>
      )}
      {p.otherLayers
        .filter((o) => o.layer.codings.length + o.layer.notes.length + o.layer.statements.length > 0 || p.coders.find((m) => m.userId === o.ownerId)?.role === 'coder')
        .map((o) => (
          <label key={o.ownerId} className="legend-item check">
            <input
              type="checkbox"
              checked={!p.hidden.has(o.ownerId)}
              onChange={(e) =>
                p.setHidden((h) => {
                  const next = new Set(h);
                  if (e.target.checked) next.delete(o.ownerId);
                  else next.add(o.ownerId);
                  return next;
                })
              }
            />
            <span className="stripe" style={{ background: p.colorOf(o.ownerId) }} /> show {p.nameOf(o.ownerId)}’s work ({o.layer.codings.length} codings, {o.layer.notes.length} notes, {o.layer.statements.length} statements)
          </label>
        ))}
      {p.blind && <span className="muted small">Blind coding: the server keeps other coders’ work hidden until reconciliation.</span>}
    </footer>
  );
}
