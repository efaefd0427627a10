import type * as Y from 'yjs';
import { LAYER_MAPS, noteSchema, type Note, type NoteKind } from './layerRecords';
import { deleteRecord, insertRecord, newRecordId, patchRecord, type RecordKind } from './recordStore';

export const NOTE_KIND: RecordKind<Note> = { map: LAYER_MAPS.notes, schema: noteSchema, noun: 'note' };

export interface AddNoteInput {
  id?: string;
  kind: NoteKind;
  text: string;
  start: number;
  end: number;
  createdAt?: number;
}

/** Adds an exploratory note on `[start, end)`; returns the stored note (text trimmed). */
export function addNote(doc: Y.Doc, textLength: number, input: AddNoteInput): Note {
  return insertRecord(doc, NOTE_KIND, textLength, {
    ...input,
    id: input.id ?? newRecordId(),
    createdAt: input.createdAt ?? Date.now(),
  });
}

export interface NotePatch {
  kind?: NoteKind;
  text?: string;
  start?: number;
  end?: number;
}

export function updateNote(doc: Y.Doc, textLength: number, id: string, patch: NotePatch): Note {
  return patchRecord(doc, NOTE_KIND, textLength, id, { ...patch });
}

export function removeNote(doc: Y.Doc, id: string): void {
  deleteRecord(doc, NOTE_KIND, id);
}
