import * as Y from 'yjs';
import { type CodebookEdit, OTHER } from './codebookEdits';
import { CODEBOOK_MAPS } from './codebookDoc';

/**
 * The edits an update would make to `doc`, read from the decoded update (structs and delete set)
 * without applying it (issue 19: the trial on a copy cost a second Yjs apply per guarded change).
 * Null when it cannot be sure; the caller then runs the trial (codebookEdits.ts). It must never
 * differ from the trial, so it decides only the plain case and leaves everything else to it:
 *
 * - Every struct is an Item whose clock continues the doc's state vector without gap or overlap
 *   (no duplicates, nothing pending), and nothing in the doc is pending already.
 * - Each Item's parent resolves as Item.getMissing/integrate resolve it: an explicit root name, an
 *   explicit parent ID (a type in the doc, not deleted, or a type earlier in this update), or the
 *   parent of its origin, else of its right origin (doc or update); its origin and right origin
 *   exist and are not GC structs.
 * - A map key of the codebook (a key of `themes`, of `meta`, or of a theme's map) written by the
 *   update takes the new value only when the new items form one chain with no right origin whose
 *   first origin is the key's rightmost item in the doc (null when the key never existed): then
 *   Yjs integrates each as the key's value with no conflict to resolve. Anything else there (a
 *   concurrent write) is left to the trial.
 * - The delete set reaches only structs the doc has; it deletes no type (a theme, a nested type)
 *   and no JSON value held directly by `themes`, and none of the update's own items.
 *
 * Content inside a type the update creates is invisible to the rights (Yjs does not report it
 * as changed) except the fields of a new theme, which are read as that theme's `now`.
 */
export function predictCodebookEdits(doc: Y.Doc, update: Uint8Array): CodebookEdit[] | null {
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) return null;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null; // malformed: the trial refuses it
  }
  // The codebook's roots, read without Doc#getMap: that would turn a root the document holds as
  // a plain type into a Y.Map for good, and a writer may use the name for another kind.
  const themes = codebookRoot(doc, CODEBOOK_MAPS.themes);
  const meta = codebookRoot(doc, CODEBOOK_MAPS.meta);
  if (themes === null || meta === null) return null;
  const fresh = new Map<number, Y.Item[]>();
  /** The update's new types (not integrated yet, so `_item` is still null) and their items. */
  const newTypeItems = new Map<SharedType, Y.Item>();
  const next = new Map<number, number>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) return null; // GC and Skip structs
    const client = s.id.client;
    const expected = next.get(client) ?? Y.getState(store, client);
    if (s.id.clock !== expected) return null;
    next.set(client, expected + s.length);
    let list = fresh.get(client);
    if (list === undefined) fresh.set(client, (list = []));
    list.push(s);
    if (s.content instanceof Y.ContentType) newTypeItems.set(s.content.type, s);
  }
  const find = (id: Y.ID): { struct: Y.Item | Y.GC; isNew: boolean } | null => {
    if (id.clock < Y.getState(store, id.client)) return { struct: store.clients.get(id.client)![Y.findIndexSS(store.clients.get(id.client)!, id.clock)] as Y.Item | Y.GC, isNew: false };
    const list = fresh.get(id.client);
    if (list === undefined) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return { struct: s, isNew: true };
    }
    return null;
  };

  /** Where an item goes: an existing type (null: a root the doc has not named yet), or a new one. */
  type Place = { type: SharedType | null; newType: Y.Item | null; sub: string | null };
  const places = new Map<Y.Item, Place | null>();
  const placeOf = (item: Y.Item): Place | null => {
    if (places.has(item)) return places.get(item)!;
    places.set(item, null); // a cycle resolves to nothing
    let place: Place | null = null;
    const left = item.origin ? find(item.origin) : null;
    const right = item.rightOrigin ? find(item.rightOrigin) : null;
    const parent = item.parent as unknown;
    if ((item.origin && left === null) || (item.rightOrigin && right === null)) place = null;
    else if (left?.struct instanceof Y.GC || right?.struct instanceof Y.GC) place = null;
    else if (typeof parent === 'string') {
      place = { type: parent === CODEBOOK_MAPS.themes ? themes : parent === CODEBOOK_MAPS.meta ? meta : (doc.share.get(parent) ?? null), newType: null, sub: item.parentSub };
    } else if (parent instanceof Y.ID) {
      const p = find(parent);
      if (p !== null && p.struct instanceof Y.Item && p.struct.content instanceof Y.ContentType) {
        place = p.isNew ? { type: null, newType: p.struct, sub: item.parentSub } : { type: p.struct.content.type, newType: null, sub: item.parentSub };
      }
    } else if (parent === null) {
      const from = left ?? right;
      if (from !== null && from.struct instanceof Y.Item) {
        if (from.isNew) {
          const inherited = placeOf(from.struct);
          place = inherited === null ? null : { ...inherited };
        } else {
          place = { type: from.struct.parent as SharedType, newType: null, sub: from.struct.parentSub };
        }
      }
    }
    if (place?.type?._item?.deleted) place = null; // inside a deleted type: deleted on arrival, unseen
    places.set(item, place);
    return place;
  };

  const edits: CodebookEdit[] = [];
  /** The new items of each key of a map, by the map (an existing type or a new type's item). */
  const keyed = new Map<SharedType | Y.Item, Map<string, Y.Item[]>>();
  for (const list of fresh.values()) {
    for (const item of list) {
      const place = placeOf(item);
      if (place === null) return null;
      const container = place.newType ?? place.type;
      if (place.newType === null && !codebookMap(place.type, themes, meta)) {
        edits.push(OTHER);
        continue;
      }
      if (place.sub === null) {
        if (place.newType === null) edits.push(OTHER);
        continue;
      }
      let keys = keyed.get(container!);
      if (keys === undefined) keyed.set(container!, (keys = new Map()));
      const items = keys.get(place.sub);
      if (items === undefined) keys.set(place.sub, [item]);
      else items.push(item);
    }
  }

  /** Keys of the codebook's maps whose current value the delete set removes. */
  const deleted = new Map<SharedType, Set<string>>();
  const ownDeleted = new Set<Y.Item>();
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = store.clients.get(client);
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      if (len === 0) continue;
      if (clock + len > state) {
        // The update's own items (a key written twice in one transaction deletes the first
        // value): allowed for those the update itself replaces, checked once the chains are known.
        if (clock + len > (next.get(client) ?? state)) return null; // clocks nobody has: pending
        for (let c = Math.max(clock, state); c < clock + len; ) {
          const own = find(Y.createID(client, c))!;
          ownDeleted.add(own.struct as Y.Item);
          c = own.struct.id.clock + own.struct.length;
        }
      }
      if (clock >= state || structs === undefined) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < Math.min(clock + len, state); i++) {
        const s = structs[i]!;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        if (s.content instanceof Y.ContentType) return null;
        const parent = s.parent as SharedType;
        if (parent._item?.deleted) return null;
        if (!codebookMap(parent, themes, meta)) {
          edits.push(OTHER);
          continue;
        }
        if (s.parentSub === null) {
          edits.push(OTHER);
          continue;
        }
        if (parent === themes || parent._map.get(s.parentSub) !== s) return null; // a theme gone; or not the key's value
        let keys = deleted.get(parent);
        if (keys === undefined) deleted.set(parent, (keys = new Set()));
        keys.add(s.parentSub);
      }
    }
  }

  // Each written key: the value its new items leave, or null when Yjs would resolve a conflict.
  const written = new Map<SharedType | Y.Item, Map<string, { value: unknown } | null>>();
  for (const [container, keys] of keyed) {
    const values = new Map<string, { value: unknown } | null>();
    for (const [key, items] of keys) {
      const last = chainEnd(container instanceof Y.Item ? undefined : container._map.get(key), items);
      if (last === null || ownDeleted.has(last)) return null; // a conflict, or the key emptied again
      const value = valueOf(last);
      if (value === null) return null;
      values.set(key, value);
    }
    written.set(container, values);
  }

  for (const [container, values] of written) {
    if (container instanceof Y.Item) continue; // a new type's keys: read through its theme below
    for (const [key, after] of values) {
      const value = after!.value;
      if (container === themes) {
        // The entry is the update's own item: never the same Y.Map as before (kept: false).
        const now = value instanceof Y.Map ? newFields(written.get(newTypeItems.get(value)!)) : 'not-a-map';
        edits.push({ at: 'entry', theme: key, existed: mapGet(themes, key) !== undefined, kept: false, now });
      } else if (container === meta) {
        edits.push({ at: 'meta', key, before: mapGet(meta, key), after: value });
      } else {
        edits.push({ at: 'field', theme: container._item!.parentSub!, key, before: mapGet(container, key), after: value, present: true });
      }
    }
  }
  for (const [container, keys] of deleted) {
    for (const key of keys) {
      if (written.get(container)?.has(key)) continue; // overwritten by the update's own item
      if (container === meta) edits.push({ at: 'meta', key, before: mapGet(meta, key), after: undefined });
      else edits.push({ at: 'field', theme: container._item!.parentSub!, key, before: mapGet(container, key), after: undefined, present: false });
    }
  }
  return edits;
}

// Any shared type, compared by identity (Y.Map<unknown> is not an AbstractType<unknown> to tsc).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;

/**
 * A root of the codebook as the document holds it: a Y.Map, a plain type no one asked for by
 * kind yet (its keys are the map's), an empty unattached stand-in when the document has none;
 * null for another kind (left to the trial, which reads it as Doc#getMap does).
 */
function codebookRoot(doc: Y.Doc, name: string): SharedType | null {
  const root = doc.share.get(name);
  if (root === undefined) return new Y.Map<unknown>();
  return root instanceof Y.Map || root.constructor === Y.AbstractType ? root : null;
}

/** Y.Map#get on any type: the value of a key's rightmost item unless deleted (Yjs typeMapGet). */
function mapGet(type: SharedType, key: string): unknown {
  const item = type._map.get(key);
  return item !== undefined && !item.deleted ? item.content.getContent()[item.length - 1] : undefined;
}

/** `themes`, `meta` or a theme's map (a Y.Map held by a key of `themes`): where keys are rights. */
function codebookMap(type: SharedType | null, themes: SharedType, meta: SharedType): type is SharedType {
  if (type === themes || type === meta) return true;
  return type instanceof Y.Map && type._item !== null && type._item.parent === themes && typeof type._item.parentSub === 'string';
}

/**
 * The last of a key's new items when they form one chain from the key's rightmost item in the
 * doc (`current`; undefined for a key never written or a new map), each the next's origin, none
 * with a right origin: Yjs then makes each in turn the key's value without a conflict.
 */
function chainEnd(current: Y.Item | undefined, items: readonly Y.Item[]): Y.Item | null {
  const byOrigin = new Map<string, Y.Item>();
  for (const item of items) {
    if (item.rightOrigin !== null) return null;
    const k = item.origin === null ? 'null' : `${item.origin.client}:${item.origin.clock}`;
    if (byOrigin.has(k)) return null;
    byOrigin.set(k, item);
  }
  let at = current === undefined ? 'null' : `${current.id.client}:${current.id.clock + current.length - 1}`;
  let last: Y.Item | null = null;
  for (let n = 0; n < items.length; n++) {
    const item = byOrigin.get(at);
    if (item === undefined) return null;
    last = item;
    at = `${item.id.client}:${item.id.clock + item.length - 1}`;
  }
  return last;
}

/** A map value as Y.Map#get reads it: JSON (ContentAny) or a type; null for content left to the trial. */
function valueOf(item: Y.Item): { value: unknown } | null {
  const content = item.content;
  if (content instanceof Y.ContentType) return { value: content.type };
  if (content instanceof Y.ContentAny) {
    const value: unknown = content.arr[content.arr.length - 1];
    return value === undefined ? null : { value };
  }
  return null;
}

/** A new theme's fields as its items leave them; an empty map for a theme with no field. */
function newFields(values: Map<string, { value: unknown } | null> | undefined): ReadonlyMap<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, v] of values ?? []) out.set(key, v!.value);
  return out;
}
