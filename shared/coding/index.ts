export { CodingModelError, CodingModelErrorCode } from './CodingModelError';
export { requireValidSpan, spanError, type Span } from './span';
export {
  codingSchema,
  LAYER_LIMITS,
  LAYER_MAPS,
  NOTE_KINDS,
  noteSchema,
  recordIdSchema,
  statementSchema,
  type Coding,
  type LayerMapName,
  type Note,
  type NoteKind,
  type Statement,
} from './layerRecords';
export { layerMap } from './recordStore';
export { addCoding, removeCoding, updateCoding, type AddCodingInput, type CodingPatch } from './codings';
export { addNote, removeNote, updateNote, type AddNoteInput, type NotePatch } from './notes';
export { addStatement, removeStatement, updateStatement, type AddStatementInput, type StatementPatch } from './statements';
export { readLayer, type Layer } from './readLayer';
export { codingView, type CodingView } from './codingView';
export { applyMergesToCodings, applyMergesToStatements } from './applyMergesToCodings';
export { invalidLayerRecords } from './invalidLayerRecords';
