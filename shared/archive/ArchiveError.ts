/** Which archive limit a refusal is about (the HTTP error code names it). */
export type ArchiveLimit = 'entry_bytes' | 'total_bytes' | 'entry_count';

/**
 * A refused archive: malformed (`limit` null) or over one of its limits (archiveLimits.ts). Its
 * message says which entry and which limit, never the content.
 */
export class ArchiveError extends Error {
  constructor(
    message: string,
    readonly limit: ArchiveLimit | null = null,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}
