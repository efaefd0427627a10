import type { ReactNode } from 'react';
import { LineRangeFields, type LineRangeValue } from './LineRangeFields';

/**
 * The in-place editor of a note or statement: text, line range and Save/Cancel; Ctrl/Cmd+Enter
 * saves, Escape cancels. `children` come first (a note's kind).
 */
export function CardEditForm(props: { what: 'note' | 'statement'; text: string; setText: (t: string) => void; range: LineRangeValue; setRange: (r: LineRangeValue) => void; maxLine: number; onSave: () => void; onCancel: () => void; children?: ReactNode }) {
  return (
    <form
      className="card-edit"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) props.onSave();
      }}
    >
      {props.children}
      <textarea aria-label={`${props.what} text`} value={props.text} onChange={(e) => props.setText(e.target.value)} autoFocus rows={3} />
      <LineRangeFields value={props.range} max={props.maxLine} onChange={props.setRange} what={props.what} />
      <span className="card-actions">
        <button type="submit" className="small">
          Save
        </button>
        <button type="button" className="link small" onClick={props.onCancel}>
          Cancel
        </button>
      </span>
    </form>
  );
}
