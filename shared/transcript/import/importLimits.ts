/**
 * Largest uploaded transcript file. A two-hour interview is about 150 KB of text and a .docx with
 * a few images stays far below this; the cap stops a client from making the server buffer and
 * parse an arbitrary upload.
 */
export const MAX_TRANSCRIPT_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Longest text (UTF-16 units) a file may yield. Checked after decoding or .docx extraction because
 * a small compressed .docx can expand enormously, and every client of the transcript receives the
 * whole frozen text.
 */
export const MAX_TRANSCRIPT_TEXT_LENGTH = 2_000_000;

/** Lines shown in an import preview before the user commits the import. */
export const PREVIEW_LINE_COUNT = 20;
