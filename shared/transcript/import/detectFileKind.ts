import { TranscriptImportError } from './TranscriptImportError';

export const TranscriptFileKind = {
  Text: 'txt',
  Markdown: 'md',
  Docx: 'docx',
  WebVtt: 'vtt',
  Srt: 'srt',
} as const;
export type TranscriptFileKind = (typeof TranscriptFileKind)[keyof typeof TranscriptFileKind];

const BY_EXTENSION: Readonly<Record<string, TranscriptFileKind>> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  docx: 'docx',
  vtt: 'vtt',
  srt: 'srt',
};

// Formats people do try to upload, with the way out.
const ADVICE: Readonly<Record<string, string>> = {
  doc: 'Old Word .doc files are not supported; save the file as .docx.',
  rtf: 'RTF is not supported; save the file as .docx or plain text.',
  odt: 'OpenDocument is not supported; save the file as .docx.',
  pdf: 'PDF is not supported; export the transcript as .docx or plain text.',
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46];

/**
 * The kind of an uploaded transcript, from its extension, checked against its first bytes: a
 * .docx must be a zip, and a text kind must not be a zip or a PDF (else the user would be told the
 * encoding is wrong, which is not the problem).
 */
export function detectFileKind(name: string, bytes: Uint8Array): TranscriptFileKind {
  const dot = name.lastIndexOf('.');
  const extension = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  const kind = BY_EXTENSION[extension];
  if (kind === undefined) {
    throw new TranscriptImportError(
      'unsupported_type',
      ADVICE[extension] ??
        `"${name}" is not a supported transcript type (.txt, .md, .docx, .vtt, .srt).`,
    );
  }
  const isZip = startsWith(bytes, ZIP_MAGIC);
  if (kind === 'docx' && !isZip && bytes.length > 0) {
    throw new TranscriptImportError('unsupported_type', `"${name}" is not a Word .docx file.`);
  }
  if (kind !== 'docx' && (isZip || startsWith(bytes, PDF_MAGIC))) {
    throw new TranscriptImportError(
      'unsupported_type',
      `"${name}" is a binary document, not a .${kind} text file.`,
    );
  }
  return kind;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
