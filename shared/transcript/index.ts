/**
 * Transcript text, frozen so line numbers can be cited (DESIGN.md section 3), and the importers
 * that produce it. Pure and isomorphic: no node:*, no DOM; hashing and .docx extraction are the
 * server's.
 *
 * Decisions, each explained where it is implemented:
 * - the text is kept as received, after decoding and one line-end normalisation (receiveText);
 * - lines are a view over it, stored with the transcript: each paragraph wrapped at the width in
 *   code points, breaking at blanks; a word longer than the width stays whole on its own line;
 *   the blanks at a wrap and the `\n` between paragraphs are in no line; empty text has no lines
 *   (lineMap, freezeTranscript);
 * - normalizeText and wrapText are how Concord froze text before (kept for reading what that
 *   did: shared/refi/alignText.ts);
 * - turns open only at paragraph starts, run to the next turn or the end of the text, and text
 *   before the first turn has none (detectTurns); what counts as a speaker label is in
 *   matchSpeakerLabel;
 * - a `\n` belongs to the line it ends when citing spans (lineAt, lineRangeOf);
 * - an offset inside a surrogate pair maps to the pair's start (codePointOffset);
 * - only UTF-8 is accepted; subtitle cues without a speaker continue the previous speaker's turn
 *   (decodeText, cuesToTranscript).
 */
export type { FrozenTranscript, Line, LineRange, Turn, TurnHint, TurnMeta } from './types';
export { DEFAULT_LINE_WIDTH, freezeTranscript, type FreezeOptions } from './freezeTranscript';
export { normalizeText } from './normalizeText';
export { receiveText } from './receiveText';
export { lineMap, type LineMap } from './lineMap';
export { wrapText, type WrappedText } from './wrapText';
export { detectTurns } from './detectTurns';
export {
  matchSpeakerLabel,
  MAX_SPEAKER_LABEL_LENGTH,
  MAX_SPEAKER_LABEL_WORDS,
  type SpeakerLabel,
} from './matchSpeakerLabel';
export { lineAt } from './lineAt';
export { linesOf } from './linesOf';
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
