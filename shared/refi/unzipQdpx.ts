import { unzipSync } from 'fflate';
import { RefiError } from './xmlText';

/**
 * Limits on what a .qdpx may unpack to. The archive comes from outside (another tool, a user's
 * download); without limits a small zip bomb could exhaust memory.
 */
export const QDPX_LIMITS = {
  /** project.qde */
  projectBytes: 256 * 1024 * 1024,
  /** one sources/*.txt */
  sourceBytes: 64 * 1024 * 1024,
  /** everything extracted together */
  totalBytes: 1024 * 1024 * 1024,
} as const;

export interface QdpxContents {
  /** The archive entry the project came from (`project.qde`, whatever the tool called it). */
  readonly projectEntry: string;
  readonly projectXml: string;
  /** Plain-text sources by entry name (e.g. `sources/abc.txt`). */
  readonly sources: ReadonlyMap<string, string>;
}

/** An entry name that could escape the extraction directory (zip slip) is refused outright. */
export function isUnsafeEntryName(name: string): boolean {
  return name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).some((part) => part === '..') || name.includes('\0');
}

/** Unpacks a REFI-QDA project exchange file: project.qde plus the plain-text sources. */
export function unzipQdpx(bytes: Uint8Array): QdpxContents {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (isUnsafeEntryName(file.name)) throw new RefiError(`refusing archive entry with an unsafe name: ${file.name}`);
        const isProject = /\.qde$/i.test(file.name) && !file.name.includes('/');
        const isText = /^sources\/[^/]+\.txt$/i.test(file.name);
        if (!isProject && !isText) return false;
        const limit = isProject ? QDPX_LIMITS.projectBytes : QDPX_LIMITS.sourceBytes;
        if (file.originalSize > limit) throw new RefiError(`archive entry ${file.name} is ${file.originalSize} bytes, over the limit of ${limit}`, 'too_large');
        total += file.originalSize;
        if (total > QDPX_LIMITS.totalBytes) throw new RefiError(`archive expands to more than ${QDPX_LIMITS.totalBytes} bytes`, 'too_large');
        return true;
      },
    });
  } catch (error) {
    if (error instanceof RefiError) throw error;
    throw new RefiError(`not a readable .qdpx (zip) file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const decoder = new TextDecoder('utf-8');
  const projectEntry = Object.keys(files).find((n) => /\.qde$/i.test(n));
  if (!projectEntry) throw new RefiError('the archive has no project.qde');
  const sources = new Map<string, string>();
  for (const [name, data] of Object.entries(files)) {
    // The declared size is only a claim; check what was actually produced too.
    if (data.length > (name === projectEntry ? QDPX_LIMITS.projectBytes : QDPX_LIMITS.sourceBytes)) throw new RefiError(`archive entry ${name} is over the size limit`, 'too_large');
    if (name !== projectEntry) sources.set(name, decoder.decode(data));
  }
  return { projectEntry, projectXml: decoder.decode(files[projectEntry]), sources };
}

/** Maps a plainTextPath (`internal://abc.txt`, or a relative path) to its entry in the archive. */
export function sourceEntryName(path: string): string {
  const bare = path.replace(/^internal:\/\//i, '');
  return bare.startsWith('sources/') ? bare : `sources/${bare}`;
}
