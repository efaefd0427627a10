import type { Statement } from '../../../shared/coding';
import { codingView } from '../../../shared/coding';
import type { Line } from '../../../shared/transcript';

export interface ClusterOption {
  id: string;
  label: string;
}

/**
 * One experiential statement on the board: draggable, and movable without a mouse through its
 * labelled menus ("Move to" leaves the current cluster; "Also in" adds a cluster and keeps it).
 */
export function StatementCard(props: {
  statement: Statement;
  text: string;
  lines: readonly Line[];
  /** The cluster this card is shown in (null: not clustered). */
  from: string | null;
  options: readonly ClusterOption[];
  editable: boolean;
  onMove: (to: string | null) => void;
  onAlso: (to: string) => void;
}) {
  const { statement: st } = props;
  const view = codingView(st, props.text, props.lines);
  const name = st.text.length > 40 ? `${st.text.slice(0, 40)}…` : st.text;
  return (
    <li
      className="board-card"
      data-statement={st.id}
      draggable={props.editable}
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-concord-card', JSON.stringify({ id: st.id, from: props.from }));
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <p className="board-card-text">{st.text}</p>
      <p className="board-card-ref muted"><span className="lines">{view.lineRange}</span> “{view.quote.length > 90 ? `${view.quote.slice(0, 90)}…` : view.quote}”</p>
      {props.editable && (
        <div className="board-card-menus">
          <select aria-label={`Move “${name}” to`} value="" onChange={(e) => e.target.value && props.onMove(e.target.value === '-' ? null : e.target.value)}>
            <option value="">Move to…</option>
            {props.from !== null && <option value="-">Not clustered</option>}
            {props.options.filter((o) => o.id !== props.from).map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
          {props.from !== null && (
            <select aria-label={`Also put “${name}” in`} value="" onChange={(e) => e.target.value && props.onAlso(e.target.value)}>
              <option value="">Also in…</option>
              {props.options.filter((o) => o.id !== props.from && !st.themeIds.includes(o.id)).map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
            </select>
          )}
        </div>
      )}
    </li>
  );
}
