import type { ThemeTree } from '../../../shared/themes';
import { ThemeOptions } from './themes/ThemeOptions';

/** Assigns themes to the number keys 1-9 (a theme holds at most one key). */
export function PinnedKeysEditor({ tree, pins, setPin }: { tree: ThemeTree; pins: ReadonlyArray<string | null>; setPin: (index: number, themeId: string | null) => void }) {
  const live = tree.themes.filter((t) => t.status !== 'retired');
  return (
    <details className="pinned-keys">
      <summary>Number keys</summary>
      <p className="muted small">Pressing a number codes the selection with its theme. Your keys stay as you set them, whatever themes others add.</p>
      <ol>
        {pins.map((pin, i) => (
          <li key={i}>
            <label>
              <kbd>{i + 1}</kbd>
              <select aria-label={`theme on key ${i + 1}`} value={pin ?? ''} onChange={(e) => setPin(i, e.target.value || null)}>
                <option value="">(none)</option>
                <ThemeOptions themes={live} />
              </select>
            </label>
          </li>
        ))}
      </ol>
    </details>
  );
}
