import { useCallback, useMemo, useRef } from 'react';
import type { Coding, Layer } from '../../../shared/coding';
import type { Line } from '../../../shared/transcript';
import type { ThemeTree } from '../../../shared/themes';
import { itemsByStartLine, keepUnchanged, marksByLine } from './lineIndex';
import type { Mark } from './segments';
import type { Owned } from './TranscriptLine';
import type { OtherLayer } from './useLayers';
import type { Span } from './usePresence';
import { useStableByLine } from './useStableByLine';

const NONE: Mark[] = [];

type Stripe = { coder: string; color: string; name: string };

export interface RowPeer {
  here: boolean;
  line: number | null;
  selection: Span | null;
  name: string;
  color: string;
}

/**
 * Everything the transcript rows show, per line: marks of every visible layer, margin cards,
 * coder stripes and where peers are. Computed once per change and split by line in one pass;
 * a line whose items did not change keeps its arrays, so its row does not re-render.
 */
export function useWorksheetRows(a: { meId: string; lines: readonly Line[]; tree: ThemeTree | null; ownLayer: Layer; shownOthers: readonly OtherLayer[]; selection: Span | null; peers: readonly RowPeer[]; colorOf: (id: string) => string; nameOf: (id: string) => string }) {
  const { lines, tree, ownLayer, shownOthers, selection, peers, colorOf, nameOf } = a;
  const meId = a.meId;
  // Another coder's record with its owner, made once per record (readLayer keeps an unchanged
  // record's identity): an update of any shown layer then hands the lines the same objects, so
  // each line's list compares by reference (keepUnchanged) instead of field by field, and the
  // hundreds of records that did not change are not copied again for the collector.
  const ownedOf = useMemo(() => new WeakMap<object, { ownerId: string }>(), []);
  const owned = <T extends object,>(pick: (l: Layer) => readonly T[]) =>
    shownOthers.flatMap((o) =>
      pick(o.layer).map((r) => {
        const hit = ownedOf.get(r) as Owned<T> | undefined;
        if (hit && hit.ownerId === o.ownerId) return hit;
        const made: Owned<T> = { ...r, ownerId: o.ownerId };
        ownedOf.set(r, made);
        return made;
      }),
    );
  const themeOf = useCallback((id: string) => tree?.byId.get(tree.resolve(id)), [tree]);
  // Split by line separately: a change of the coder's own layer or selection (the common case,
  // coding) recomputes only their own marks; the shown layers of others are split once per change of theirs.
  // One Mark object per coding record (readLayer keeps an unchanged record's identity), so a
  // line's marks compare by reference and only the lines whose codings changed re-render.
  const markOf = useMarkCache(themeOf, nameOf);
  const ownMarksAt = useMemo(() => marksByLine(lines, ownLayer.codings.map((c) => markOf(c, meId, true))), [meId, lines, ownLayer, markOf]);
  const otherMarksAt = useMemo(() => {
    const out: Mark[] = [];
    for (const { ownerId, layer } of shownOthers) for (const c of layer.codings) out.push(markOf(c, ownerId, false));
    return marksByLine(lines, out);
  }, [lines, shownOthers, markOf]);
  const selectionAt = useMemo(
    () => (selection ? marksByLine(lines, [{ id: 'selection', start: selection.start, end: selection.end, color: '#000000', coder: meId, label: 'selection', own: true, selection: true }]) : null),
    [lines, selection, meId],
  );
  const joined = useMemo(
    () =>
      ownMarksAt.map((own, i) => {
        const other = otherMarksAt[i]!;
        const sel = selectionAt?.[i] ?? NONE;
        if (other.length === 0 && sel.length === 0) return own;
        return [...own, ...other, ...sel];
      }),
    [ownMarksAt, otherMarksAt, selectionAt],
  );
  const marks = useStableByLine(joined);
  const notesAt = useStableByLine(useMemo(() => itemsByStartLine(lines, ownLayer.notes), [lines, ownLayer.notes]));
  const codingsAt = useStableByLine(useMemo(() => itemsByStartLine(lines, ownLayer.codings), [lines, ownLayer.codings]));
  const statementsAt = useStableByLine(useMemo(() => itemsByStartLine(lines, ownLayer.statements), [lines, ownLayer.statements]));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const otherNotesAt = useStableByLine(useMemo(() => itemsByStartLine(lines, owned((l) => l.notes)), [lines, shownOthers]));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const otherCodingsAt = useStableByLine(useMemo(() => itemsByStartLine(lines, owned((l) => l.codings)), [lines, shownOthers]));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const otherStatementsAt = useStableByLine(useMemo(() => itemsByStartLine(lines, owned((l) => l.statements)), [lines, shownOthers]));
  // A line's stripes are derived again only where its marks changed (a coding changes one or two
  // lines; rebuilding all 1,200 lines' stripes on each one was garbage for the collector).
  const stripesMemo = useRef<{ marks: Mark[][]; stripes: Stripe[][]; colorOf: unknown; nameOf: unknown } | null>(null);
  const stripes = useMemo(() => {
    const prev = stripesMemo.current;
    const reuse = prev && prev.colorOf === colorOf && prev.nameOf === nameOf && prev.marks.length === marks.length ? prev : null;
    const out = marks.map((ms, i) => {
      if (reuse && reuse.marks[i] === ms) return reuse.stripes[i]!;
      const coders = [...new Set(ms.filter((m) => !m.selection).map((m) => m.coder))];
      return coders.map((c) => ({ coder: c, color: colorOf(c), name: nameOf(c) }));
    });
    return keepUnchanged(prev?.stripes ?? null, out);
  }, [marks, colorOf, nameOf]);
  stripesMemo.current = { marks, stripes, colorOf, nameOf };
  const peerAt = useMemo(() => {
    const out = new Map<number, { name: string; color: string }>();
    for (const p of peers) {
      if (!p.here) continue;
      if (p.line !== null && !out.has(p.line)) out.set(p.line, { name: p.name, color: p.color });
      if (!p.selection) continue;
      for (const l of lines) if (p.selection.start < Math.max(l.end, l.start + 1) && p.selection.end > l.start && !out.has(l.n)) out.set(l.n, { name: p.name, color: p.color });
    }
    return out;
  }, [peers, lines]);
  // One object while no part changes: the rows (memoised) then skip the worksheet's other renders (save status, panels).
  return useMemo(() => ({ marks, notesAt, codingsAt, statementsAt, otherNotesAt, otherCodingsAt, otherStatementsAt, stripes, peerAt }), [marks, notesAt, codingsAt, statementsAt, otherNotesAt, otherCodingsAt, otherStatementsAt, stripes, peerAt]);
}

/**
 * The highlight of a coding, made once per record and coder while the theme tree and names are
 * the same (a change of either makes every mark anew: colours and labels come from them).
 */
function useMarkCache(themeOf: (id: string) => { color: string; label: string } | undefined, nameOf: (id: string) => string) {
  return useMemo(() => {
    const cache = new WeakMap<Coding, Mark>();
    return (c: Coding, coder: string, own: boolean): Mark => {
      const hit = cache.get(c);
      if (hit && hit.coder === coder && hit.own === own) return hit;
      const t = themeOf(c.themeId);
      const mark: Mark = { id: c.id, start: c.start, end: c.end, color: t?.color ?? '#888888', coder, label: `${t?.label ?? 'unknown theme'} (${nameOf(coder)})`, own };
      cache.set(c, mark);
      return mark;
    };
  }, [themeOf, nameOf]);
}
