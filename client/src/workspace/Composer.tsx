import { useState } from 'react';
import { NOTE_KINDS, type NoteKind } from '../../../shared/coding';
import type { Span } from './usePresence';

export interface ComposerProps {
  selection: Span | null;
  cite: (s: Span) => string;
  canWrite: boolean;
  onNote: (kind: NoteKind, text: string) => void;
  onStatement: (text: string) => void;
  /** Opens the theme picker for the selection. */
  onPick: () => void;
}

/** The bar above the transcript: what is selected, and notes or statements about it. */
export function Composer(props: ComposerProps) {
  const [kind, setKind] = useState<NoteKind>('descriptive');
  const [text, setText] = useState('');
  if (!props.canWrite) return null;
  return (
    <div className="composer" aria-label="selection tools" role="region">
      {props.selection ? (
        <>
          <span className="small">Selected {props.cite(props.selection)}:</span>
          <button className="secondary" onClick={props.onPick}>Code… (Enter)</button>
          <select aria-label="note kind" value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k} note
              </option>
            ))}
          </select>
          <input id="composer-text" aria-label="note or statement text" placeholder="write a note or an experiential statement" value={text} onChange={(e) => setText(e.target.value)} />
          <button
            disabled={!text.trim()}
            onClick={() => {
              props.onNote(kind, text);
              setText('');
            }}
          >
            Add note
          </button>
          <button
            className="secondary"
            disabled={!text.trim()}
            onClick={() => {
              props.onStatement(text);
              setText('');
            }}
          >
            Add statement
          </button>
        </>
      ) : (
        <span className="muted small">Select text in the transcript (mouse, or arrows and Shift+arrows) to code it, annotate it or write an experiential statement. Press ? for all keys.</span>
      )}
    </div>
  );
}
