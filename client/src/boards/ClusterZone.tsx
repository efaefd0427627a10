import { useState, type ReactNode } from 'react';

/**
 * A drop zone on a board: a cluster (a theme) or the unclustered column. Cards carry their
 * identity in the drag data; a zone hands it to `onDrop`. `onReorder` gives the zone Alt+Up and
 * Alt+Down and the labelled up/down buttons (themes are reordered one place at a time).
 */
export function ClusterZone(props: {
  title: string;
  level?: string;
  color?: string;
  heading?: 'h2' | 'h3';
  className?: string;
  dataTheme?: string;
  dragType: string;
  onDrop?: (data: { id: string; from: string | null }) => void;
  onReorder?: (step: -1 | 1) => void;
  tools?: ReactNode;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  const H = props.heading ?? 'h2';
  return (
    <section
      className={`board-zone${over ? ' drop' : ''}${props.className ? ` ${props.className}` : ''}`}
      data-theme={props.dataTheme}
      aria-label={props.title}
      tabIndex={props.onReorder ? 0 : undefined}
      onKeyDown={(e) => {
        if (!props.onReorder || !e.altKey || e.target !== e.currentTarget) return;
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          props.onReorder(e.key === 'ArrowUp' ? -1 : 1);
        }
      }}
      onDragOver={(e) => {
        if (!props.onDrop || !e.dataTransfer.types.includes(props.dragType)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        // An inner zone (a sub-theme) took the drop: the outer one only clears its outline.
        if (e.defaultPrevented) return;
        const raw = e.dataTransfer.getData(props.dragType);
        if (!raw || !props.onDrop) return;
        e.preventDefault();
        props.onDrop(JSON.parse(raw) as { id: string; from: string | null });
      }}
    >
      <div className="board-zone-head" style={props.color ? ({ '--swatch': props.color } as React.CSSProperties) : undefined}>
        <H>{props.title}</H>
        <span className="tools">
          {props.onReorder && (
            <>
              <button type="button" className="secondary" aria-label={`Move ${props.title} up`} onClick={() => props.onReorder!(-1)}>↑</button>
              <button type="button" className="secondary" aria-label={`Move ${props.title} down`} onClick={() => props.onReorder!(1)}>↓</button>
            </>
          )}
          {props.tools}
        </span>
      </div>
      {props.level && <p className="board-level">{props.level}</p>}
      {props.children}
    </section>
  );
}
