import { useEffect, useRef } from 'react';

const KEYS: ReadonlyArray<[keys: string, what: string]> = [
  ['Tab to “Skip to the transcript”', 'focus the transcript'],
  ['↑ ↓, Page Up, Page Down', 'move the line cursor'],
  ['Shift+↑ Shift+↓', 'select lines from the cursor'],
  ['Space', 'select the cursor’s line'],
  ['Shift+Ctrl+→ / ←', 'move the end of the selection by a word'],
  ['Shift+Alt+→ / ←', 'move the start of the selection by a word'],
  ['Enter', 'open the theme picker for the selection (type, then Enter to code)'],
  ['1 … 9', 'code the selection with your pinned theme (set them under “Number keys”)'],
  ['/', 'find a theme'],
  ['n', 'write a note or statement about the selection'],
  ['Ctrl/Cmd+Z', 'undo your last change'],
  ['Shift+Ctrl/Cmd+Z, Ctrl+Y', 'redo'],
  ['Escape', 'clear the selection, close a panel'],
  ['?', 'show this list'],
];

/** The list of every key on the worksheet, opened with `?`. */
export function KeysHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement | null>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="keys-help-backdrop" onClick={onClose}>
      <div
        className="keys-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="keys-help-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="keys-help-title">Keys</h2>
        <table className="grid">
          <tbody>
            {KEYS.map(([k, what]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={close} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
