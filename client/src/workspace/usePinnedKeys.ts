import { useCallback, useEffect, useState } from 'react';
import type { ThemeTree } from '../../../shared/themes';

export const KEY_COUNT = 9;
type Pins = Array<string | null>;

const storageKey = (userId: string, studyId: string) => `concord.keys.${userId}.${studyId}`;

function load(key: string): Pins | null {
  try {
    const raw = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
    if (!Array.isArray(raw)) return null;
    return Array.from({ length: KEY_COUNT }, (_, i) => (typeof raw[i] === 'string' ? (raw[i] as string) : null));
  } catch {
    return null;
  }
}

/**
 * The coder's number keys 1-9, pinned to themes by the coder and kept in this browser per user
 * and study. The first time, they take the first nine themes in tree order and are saved at
 * once, so a theme added later by anyone never shifts them.
 */
export function usePinnedKeys(userId: string, studyId: string | null, tree: ThemeTree | null, synced: boolean): { pins: Pins; setPin: (index: number, themeId: string | null) => void } {
  const [pins, setPins] = useState<Pins>(() => Array(KEY_COUNT).fill(null));
  useEffect(() => {
    if (!studyId) return;
    const key = storageKey(userId, studyId);
    const stored = load(key);
    if (stored) {
      setPins(stored);
      return;
    }
    // Seed from the codebook as the server has it (not the empty doc before sync), once it has themes.
    if (!tree || !synced) return;
    const first = tree.themes.filter((t) => t.status !== 'retired').slice(0, KEY_COUNT).map((t) => t.id);
    if (first.length === 0) return;
    const initial = Array.from({ length: KEY_COUNT }, (_, i) => first[i] ?? null);
    localStorage.setItem(key, JSON.stringify(initial));
    setPins(initial);
    // Seeding happens once: after it, the stored keys win and later trees change nothing.
  }, [userId, studyId, tree, synced]);
  const setPin = useCallback(
    (index: number, themeId: string | null) => {
      if (!studyId) return;
      setPins((prev) => {
        const next = prev.map((p) => (p === themeId && themeId !== null ? null : p));
        next[index] = themeId;
        localStorage.setItem(storageKey(userId, studyId), JSON.stringify(next));
        return next;
      });
    },
    [userId, studyId],
  );
  return { pins, setPin };
}
