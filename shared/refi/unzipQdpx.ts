import { ArchiveError, QDPX_LIMITS, openZip } from '../archive';
import { RefiError } from './xmlText';

export { QDPX_LIMITS };

export interface QdpxContents {
  /** The archive entry the project came from (`project.qde`, whatever the tool called it). */
  readonly projectEntry: string;
  readonly projectXml: string;
  /**
   * Plain-text sources by entry name (e.g. `sources/abc.txt`), inflated when first asked for:
   * a source the project does not reference is never inflated (issue 14 item 5).
   */
  readonly sources: SourceEntries;
}

export interface SourceEntries {
  get(name: string): string | undefined;
  keys(): IterableIterator<string>;
}

/** An entry name that could escape the extraction directory (zip slip) is refused outright. */
export function isUnsafeEntryName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).some((part) => part === '..') || name.includes('\0');
}

const isProjectEntry = (name: string) => /\.qde$/i.test(name) && !name.includes('/');
const isSourceEntry = (name: string) => /^sources\/[^/]+\.txt$/i.test(name);

/**
 * Opens a REFI-QDA project exchange file: inflates project.qde now and the plain-text sources on
 * demand, each within shared/archive's QDPX_LIMITS (declared and actual sizes, per entry and in
 * total). Over a limit: an ArchiveError naming it; damaged: a RefiError.
 */
export function unzipQdpx(bytes: Uint8Array): QdpxContents {
  const limits = {
    entries: QDPX_LIMITS.entries,
    entryBytes: (name: string) => (isProjectEntry(name) ? QDPX_LIMITS.projectBytes : isSourceEntry(name) ? QDPX_LIMITS.sourceBytes : null),
    totalBytes: QDPX_LIMITS.totalBytes,
  };
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof RefiError || (error instanceof ArchiveError && error.limit)) throw error;
      throw new RefiError(`not a readable .qdpx (zip) file: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const zip = guard(() => openZip(bytes, limits));
  for (const e of zip.entries) if (isUnsafeEntryName(e.name)) throw new RefiError(`refusing archive entry with an unsafe name: ${e.name}`);
  const projectEntry = zip.entries.find((e) => isProjectEntry(e.name))?.name;
  if (!projectEntry) throw new RefiError('the archive has no project.qde');
  const decoder = new TextDecoder('utf-8');
  const projectXml = decoder.decode(guard(() => zip.read(projectEntry)));
  const names = zip.entries.filter((e) => isSourceEntry(e.name)).map((e) => e.name);
  // NVivo writes `Sources/`, the standard `sources/`, and plainTextPath names neither: an entry is
  // found by its exact name, else by the name ignoring case (a GUID's case varies between tools too).
  const exact = new Set(names);
  const byFolded = new Map<string, string>();
  for (const n of names) if (!byFolded.has(n.toLowerCase())) byFolded.set(n.toLowerCase(), n);
  const cache = new Map<string, string>();
  const sources: SourceEntries = {
    get(asked) {
      if (!isSourceEntry(asked)) return undefined;
      const name = exact.has(asked) ? asked : byFolded.get(asked.toLowerCase());
      if (name === undefined) return undefined;
      let text = cache.get(name);
      if (text === undefined) {
        const data = guard(() => zip.read(name));
        if (data === undefined) return undefined;
        text = decoder.decode(data);
        cache.set(name, text);
      }
      return text;
    },
    keys: () => names[Symbol.iterator](),
  };
  return { projectEntry, projectXml, sources };
}

/** Maps a plainTextPath (`internal://abc.txt`, or a relative path) to its entry in the archive. */
export function sourceEntryName(path: string): string {
  const bare = path.replace(/^internal:\/\//i, '');
  return bare.startsWith('sources/') ? bare : `sources/${bare}`;
}
