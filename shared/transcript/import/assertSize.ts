import { MAX_TRANSCRIPT_FILE_BYTES, MAX_TRANSCRIPT_TEXT_LENGTH } from './importLimits';
import { TranscriptImportError } from './TranscriptImportError';

export function assertFileSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_TRANSCRIPT_FILE_BYTES) {
    throw new TranscriptImportError(
      'too_large',
      `The file is ${bytes.length} bytes; the limit is ${MAX_TRANSCRIPT_FILE_BYTES} bytes.`,
    );
  }
}

export function assertTextSize(text: string): void {
  if (text.length > MAX_TRANSCRIPT_TEXT_LENGTH) {
    throw new TranscriptImportError(
      'too_large',
      `The file holds ${text.length} characters of text; the limit is ${MAX_TRANSCRIPT_TEXT_LENGTH}.`,
    );
  }
}
