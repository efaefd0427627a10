import { freezeTranscript } from '../freezeTranscript';
import type { FrozenTranscript } from '../types';
import { assertFileSize, assertTextSize } from './assertSize';
import { buildPreview, type TranscriptPreview } from './buildPreview';
import { decodeText } from './decodeText';
import { detectFileKind, type TranscriptFileKind } from './detectFileKind';
import type { ParsedTranscript } from './ParsedTranscript';
import { parsePlain } from './parsePlain';
import { parseSrt } from './parseSrt';
import { parseVtt } from './parseVtt';
import { TranscriptImportError } from './TranscriptImportError';

export interface TranscriptFileInput {
  name: string;
  bytes: Uint8Array;
  /**
   * For .docx only: the document's text, extracted by the caller. Extraction needs a zip and XML
   * stack (the server uses mammoth's `extractRawText`) that has no place in browser-safe `shared/`.
   */
  docxText?: string;
}

export interface ImportTranscriptOptions {
  lineWidth?: number;
  previewLines?: number;
  /**
   * Pseudonymisation (docs/privacy.md): rewrites the parsed text and the speakers the file names
   * before freezing, so the frozen transcript never holds the originals. Must keep every line
   * break where it is (turn hints are keyed by paragraph).
   */
  rewrite?: (text: string) => string;
  /** The same for the speaker names a subtitle file carries beside the text (`<v Anna>`). */
  rewriteSpeaker?: (speaker: string) => string;
}

export interface ImportedTranscript {
  kind: TranscriptFileKind;
  /** The parsed text before freezing and before `rewrite`: what pseudonymisation reviews. */
  raw: string;
  frozen: FrozenTranscript;
  preview: TranscriptPreview;
}

/**
 * One uploaded file to a frozen transcript and its preview, or a `TranscriptImportError` that
 * says what is wrong with this file; nothing is partially imported. Pure: the caller stores the
 * result once the user confirms the preview.
 */
export function importTranscriptFile(
  file: TranscriptFileInput,
  opts: ImportTranscriptOptions = {},
): ImportedTranscript {
  assertFileSize(file.bytes);
  const kind = detectFileKind(file.name, file.bytes);
  const parsed = parse(kind, file);
  const rewrite = opts.rewrite;
  const raw = rewrite ? rewrite(parsed.raw) : parsed.raw;
  if (rewrite && raw.split('\n').length !== parsed.raw.split('\n').length) throw new RangeError('a rewrite must keep the line breaks');
  const speaker = opts.rewriteSpeaker;
  const turnHints = speaker ? new Map([...parsed.turnHints].map(([k, h]) => [k, { ...h, speaker: speaker(h.speaker) }])) : parsed.turnHints;
  const frozen = freezeTranscript(raw, {
    ...(opts.lineWidth === undefined ? {} : { lineWidth: opts.lineWidth }),
    turnHints,
  });
  if (frozen.text.trim() === '') {
    throw new TranscriptImportError('empty', `"${file.name}" holds no text.`);
  }
  return { kind, raw: parsed.raw, frozen, preview: buildPreview(frozen, opts.previewLines) };
}

function parse(kind: TranscriptFileKind, file: TranscriptFileInput): ParsedTranscript {
  switch (kind) {
    case 'docx':
      if (file.bytes.length === 0) throw new TranscriptImportError('empty', 'The file is empty.');
      if (file.docxText === undefined) {
        // A caller bug, not the user's: the server must extract .docx text before calling.
        throw new TypeError('importTranscriptFile needs docxText for a .docx file');
      }
      assertTextSize(file.docxText);
      return parsePlain(file.docxText, 'txt');
    case 'vtt':
      return parseVtt(decodeText(file.bytes), file.name);
    case 'srt':
      return parseSrt(decodeText(file.bytes), file.name);
    case 'md':
    case 'txt':
      return parsePlain(decodeText(file.bytes), kind);
  }
}
