export type { FrozenTranscript, Line, LineRange, Turn, TurnHint, TurnMeta } from './types';
export { DEFAULT_LINE_WIDTH, freezeTranscript, type FreezeOptions } from './freezeTranscript';
export { normalizeText } from './normalizeText';
export { wrapText, type WrappedText } from './wrapText';
export { detectTurns } from './detectTurns';
export {
  matchSpeakerLabel,
  MAX_SPEAKER_LABEL_LENGTH,
  MAX_SPEAKER_LABEL_WORDS,
  type SpeakerLabel,
} from './matchSpeakerLabel';
export { lineAt } from './lineAt';
export { lineRangeOf } from './lineRangeOf';
export { formatLineRange } from './formatLineRange';
export { quoteOf } from './quoteOf';
export { codePointLength } from './codePointLength';
export { codePointOffset } from './codePointOffset';
export { utf16Offset } from './utf16Offset';

export { TranscriptImportError, TranscriptImportErrorCode } from './import/TranscriptImportError';
export {
  MAX_TRANSCRIPT_FILE_BYTES,
  MAX_TRANSCRIPT_TEXT_LENGTH,
  PREVIEW_LINE_COUNT,
} from './import/importLimits';
export { decodeText } from './import/decodeText';
export { detectFileKind, TranscriptFileKind } from './import/detectFileKind';
export type { ParsedTranscript } from './import/ParsedTranscript';
export { parseVtt } from './import/parseVtt';
export { parseSrt } from './import/parseSrt';
export { parsePlain } from './import/parsePlain';
export { buildPreview, type TranscriptPreview } from './import/buildPreview';
export {
  importTranscriptFile,
  type ImportedTranscript,
  type ImportTranscriptOptions,
  type TranscriptFileInput,
} from './import/importTranscriptFile';
