import type * as Y from 'yjs';
import { LAYER_MAPS, statementSchema, type Statement } from './layerRecords';
import { deleteRecord, insertRecord, newRecordId, patchRecord, type RecordKind } from './recordStore';

export const STATEMENT_KIND: RecordKind<Statement> = { map: LAYER_MAPS.statements, schema: statementSchema, noun: 'statement' };

export interface AddStatementInput {
  id?: string;
  text: string;
  start: number;
  end: number;
  themeIds?: readonly string[];
  createdAt?: number;
}

/** Adds an experiential statement on `[start, end)`, linked to `themeIds` (duplicates dropped). */
export function addStatement(doc: Y.Doc, textLength: number, input: AddStatementInput): Statement {
  return insertRecord(doc, STATEMENT_KIND, textLength, {
    ...input,
    themeIds: input.themeIds ?? [],
    id: input.id ?? newRecordId(),
    createdAt: input.createdAt ?? Date.now(),
  });
}

export interface StatementPatch {
  text?: string;
  start?: number;
  end?: number;
  themeIds?: readonly string[];
}

export function updateStatement(doc: Y.Doc, textLength: number, id: string, patch: StatementPatch): Statement {
  return patchRecord(doc, STATEMENT_KIND, textLength, id, { ...patch });
}

export function removeStatement(doc: Y.Doc, id: string): void {
  deleteRecord(doc, STATEMENT_KIND, id);
}
