import { memo } from 'react';
import type { Layer } from '../../../shared/coding';
import type { Member } from '../api';
import type { OtherLayer } from './useLayers';

/** "1 coding", "0 codings", "2 notes". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A coder always counts; a lead only with work in this transcript (never "0 codings"; issue 16 item 10). */
function listed(layer: Layer, role: string | null | undefined): boolean {
  return role === 'coder' || layer.codings.length + layer.notes.length + layer.statements.length > 0;
}

export interface WorkspaceLegendProps {
  /** The user's own colour, layer and role in the study, when they may code. */
  own: { color: string; layer: Layer; role: string | null } | null;
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
 * user reads (open mode). A lead (the user included) appears there only with work in this
 * transcript, never as a coder with "0 codings"; every coder appears, even before their first coding.
 */
export const WorkspaceLegend = memo(function WorkspaceLegend(p: WorkspaceLegendProps) {
  return (
    <footer className="legend">
      {p.own && listed(p.own.layer, p.own.role) && (
        <span className="legend-item">
          <span className="stripe" style={{ background: p.own.color }} /> you ({count(p.own.layer.codings.length, 'coding')})
        </span>
      )}
      {p.otherLayers
        .filter((o) => listed(o.layer, p.coders.find((m) => m.userId === o.ownerId)?.role))
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
            <span className="stripe" style={{ background: p.colorOf(o.ownerId) }} /> show {p.nameOf(o.ownerId)}’s work ({count(o.layer.codings.length, 'coding')}, {count(o.layer.notes.length, 'note')}, {count(o.layer.statements.length, 'statement')})
          </label>
        ))}
      {p.blind && <span className="muted small">Blind coding: the server keeps other coders’ work hidden until reconciliation.</span>}
    </footer>
  );
});
