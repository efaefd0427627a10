import type * as Y from 'yjs';
import { codingSchema, LAYER_MAPS, type Coding } from './layerRecords';
import { deleteRecord, insertRecord, newRecordId, patchRecord, type RecordKind } from './recordStore';

export const CODING_KIND: RecordKind<Coding> = { map: LAYER_MAPS.codings, schema: codingSchema, noun: 'coding' };

export interface AddCodingInput {
  id?: string;
  themeId: string;
  start: number;
  end: number;
  memo?: string;
  createdAt?: number;
}

/** Codes `[start, end)` of a text of `textLength` code units with a theme; returns the stored coding. */
export function addCoding(doc: Y.Doc, textLength: number, input: AddCodingInput): Coding {
  return insertRecord(doc, CODING_KIND, textLength, {
    ...input,
    id: input.id ?? newRecordId(),
    createdAt: input.createdAt ?? Date.now(),
  });
}

/** Changes theme, extent or memo (`memo: null` removes it). */
export interface CodingPatch {
  themeId?: string;
  start?: number;
  end?: number;
  memo?: string | null;
}

export function updateCoding(doc: Y.Doc, textLength: number, id: string, patch: CodingPatch): Coding {
  return patchRecord(doc, CODING_KIND, textLength, id, { ...patch });
}

export function removeCoding(doc: Y.Doc, id: string): void {
  deleteRecord(doc, CODING_KIND, id);
}
