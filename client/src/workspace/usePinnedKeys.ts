import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { ThemeTree } from '../../../shared/themes';

export const KEY_COUNT = 9;
/** The root map of the coder's own private codebook that holds their number keys: `"1".."9" -> themeId | null`. */
export const PINS_MAP = 'keys';
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

function fromDoc(doc: Y.Doc): Pins | null {
  const map = doc.getMap<unknown>(PINS_MAP);
  if (map.size === 0) return null;
  return Array.from({ length: KEY_COUNT }, (_, i) => {
    const v = map.get(String(i + 1));
    return typeof v === 'string' ? v : null;
  });
}

function toDoc(doc: Y.Doc, pins: Pins): void {
  const map = doc.getMap<unknown>(PINS_MAP);
  doc.transact(() => pins.forEach((p, i) => map.get(String(i + 1)) !== p && map.set(String(i + 1), p)));
}

export interface PinStore {
  /** The coder's own private codebook (they write it while the codebook is open). */
  doc: Y.Doc | null;
  /** It has synced with the server, so an empty map means "no keys yet", not "not loaded". */
  synced: boolean;
  writable: boolean;
}

/**
 * The coder's number keys 1-9, pinned to themes by the coder. They are kept in the coder's own
 * private codebook document (map `keys`), so they follow the coder to every browser and survive
 * offline like the rest of it; this browser's localStorage is a cache, and the store when the
 * document is not writable (a locked codebook). The first time, they take the first nine themes in
 * tree order and are saved at once, so a theme added later by anyone never shifts them.
 */
export function usePinnedKeys(userId: string, studyId: string | null, tree: ThemeTree | null, synced: boolean, store: PinStore): { pins: Pins; setPin: (index: number, themeId: string | null) => void } {
  const [pins, setPins] = useState<Pins>(() => Array(KEY_COUNT).fill(null));
  const { doc, synced: docSynced, writable } = store;
  // The document's keys win whenever it has any; follow them live (another browser's change).
  useEffect(() => {
    if (!doc || !studyId) return;
    const map = doc.getMap(PINS_MAP);
    const follow = () => {
      const stored = fromDoc(doc);
      if (!stored) return;
      setPins(stored);
      localStorage.setItem(storageKey(userId, studyId), JSON.stringify(stored));
    };
    follow();
    map.observe(follow);
    return () => map.unobserve(follow);
  }, [doc, userId, studyId]);
  useEffect(() => {
    if (!studyId) return;
    const key = storageKey(userId, studyId);
    if (doc && fromDoc(doc)) return;
    // Until the document has synced, an empty map says nothing: wait rather than overwrite.
    const canStore = Boolean(doc && docSynced && writable);
    const cached = load(key);
    if (cached) {
      setPins(cached);
      if (canStore) toDoc(doc!, cached);
      return;
    }
    // Seed from the codebook as the server has it (not the empty doc before sync), once it has themes.
    if (!tree || !synced || (doc && writable && !docSynced)) return;
    const first = tree.themes.filter((t) => t.status !== 'retired').slice(0, KEY_COUNT).map((t) => t.id);
    if (first.length === 0) return;
    const initial = Array.from({ length: KEY_COUNT }, (_, i) => first[i] ?? null);
    localStorage.setItem(key, JSON.stringify(initial));
    setPins(initial);
    if (canStore) toDoc(doc!, initial);
    // Seeding happens once: after it, the stored keys win and later trees change nothing.
  }, [userId, studyId, tree, synced, doc, docSynced, writable]);
  const setPin = useCallback(
    (index: number, themeId: string | null) => {
      if (!studyId) return;
      setPins((prev) => {
        const next = prev.map((p) => (p === themeId && themeId !== null ? null : p));
        next[index] = themeId;
        localStorage.setItem(storageKey(userId, studyId), JSON.stringify(next));
        if (doc && writable) toDoc(doc, next);
        return next;
      });
    },
    [userId, studyId, doc, writable],
  );
  return { pins, setPin };
}
