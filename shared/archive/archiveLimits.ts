/**
 * Every limit on what an uploaded archive may unpack to, in one place (issue 14 items 2 and 5).
 * Archives come from outside (another tool, a user's download, a crafted file): without limits a
 * small zip bomb exhausts memory and stalls the server. Each limit is checked twice: against the
 * size an entry declares, before anything is inflated, and against the bytes actually produced,
 * while inflating, since a declared size is only a claim.
 */
export interface ArchiveLimits {
  /** Largest number of entries in the central directory (each costs a record and a name). */
  readonly entries: number;
  /** Largest inflated size of one entry, by name; null: the entry is never inflated. */
  readonly entryBytes: (name: string) => number | null;
  /** Largest inflated size of all the entries read, together. */
  readonly totalBytes: number;
}

const MiB = 1024 * 1024;

/**
 * A REFI-QDA project exchange file (.qdpx): project.qde plus plain-text sources. Only the project
 * and the sources it references are ever inflated (unreferenced entries are skipped unread). A
 * study of 200 interviews unpacks to about 30 MiB; the total must stay well inside the parsing
 * worker's heap (commands/uploads/uploadLimits.ts), since every source read is held as text.
 */
export const QDPX_LIMITS = {
  /** project.qde */
  projectBytes: 128 * MiB,
  /** one sources/*.txt */
  sourceBytes: 64 * MiB,
  /** everything inflated together */
  totalBytes: 256 * MiB,
  entries: 100_000,
} as const;

/**
 * A Word transcript (.docx). Only the XML parts a text extraction reads are inflated, never
 * media. A two-hour interview's word/document.xml is 1-3 MiB; at the largest text a transcript
 * may have (2,000,000 characters), heavy run markup stays below 24 MiB.
 */
export const DOCX_LIMITS = {
  partBytes: 24 * MiB,
  totalBytes: 48 * MiB,
  entries: 10_000,
} as const;
