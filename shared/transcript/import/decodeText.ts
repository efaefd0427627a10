import { assertFileSize, assertTextSize } from './assertSize';
import { TranscriptImportError } from './TranscriptImportError';

/**
 * Decodes an uploaded text file as UTF-8, refusing anything else. Guessing a legacy encoding
 * (Windows-1252, Latin-1) would silently corrupt names and quotes that researchers later cite, so
 * the user is asked to re-save the file instead. A UTF-8 BOM is accepted and dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  assertFileSize(bytes);
  if (bytes.length === 0) throw new TranscriptImportError('empty', 'The file is empty.');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new TranscriptImportError(
      'wrong_encoding',
      'The file is UTF-16; save it as UTF-8 and upload it again.',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TranscriptImportError(
      'wrong_encoding',
      'The file is not valid UTF-8; save it as UTF-8 and upload it again.',
    );
  }
  assertTextSize(text);
  if (text.trim() === '') throw new TranscriptImportError('empty', 'The file holds no text.');
  return text;
}
