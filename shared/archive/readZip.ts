import { Inflate } from 'fflate';
import { ArchiveError } from './ArchiveError';
import type { ArchiveLimits } from './archiveLimits';

export interface ZipEntry {
  readonly name: string;
  /** The inflated size the archive declares (a claim, checked again while inflating). */
  readonly declaredBytes: number;
  readonly compressedBytes: number;
  readonly method: number;
  readonly localOffset: number;
}

export interface ZipReader {
  /** Every entry of the central directory; nothing is inflated by listing. */
  readonly entries: readonly ZipEntry[];
  /** Inflates one entry within its limit and the archive's total; undefined when absent. */
  read(name: string): Uint8Array | undefined;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/**
 * Compressed bytes handed to the inflater at a time. DEFLATE expands at most about 1032:1, so a
 * step produces at most ~4 MiB before the running size is checked again.
 */
const STEP = 4096;

/**
 * Opens a zip archive for bounded reading (APPNOTE.TXT 6.3: end of central directory, central
 * directory, local headers; ZIP64 sizes in the 0x0001 extra field). Entries are inflated one at
 * a time and only when asked for, so an entry nobody reads is never inflated.
 */
export function openZip(bytes: Uint8Array, limits: ArchiveLimits): ZipReader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(view);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count > limits.entries) throw new ArchiveError(`the archive has ${count} entries; the limit is ${limits.entries}`, 'entry_count');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ArchiveError('a damaged central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedBytes = view.getUint32(at + 20, true);
    let declaredBytes = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localOffset = view.getUint32(at + 42, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise IBM 437, read as Latin-1 (ASCII names agree).
    const name = flags & 0x800 ? new TextDecoder('utf-8').decode(nameBytes) : String.fromCharCode(...nameBytes);
    if (flags & 0x1) throw new ArchiveError(`archive entry ${name} is encrypted`);
    const extra = at + 46 + nameLength;
    for (let x = extra; x + 4 <= extra + extraLength; ) {
      const id = view.getUint16(x, true);
      const size = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let f = x + 4;
        const next = () => {
          const v = Number(view.getBigUint64(f, true));
          f += 8;
          return v;
        };
        if (declaredBytes === 0xffffffff) declaredBytes = next();
        if (compressedBytes === 0xffffffff) compressedBytes = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      x += 4 + size;
    }
    entries.push({ name, declaredBytes, compressedBytes, method, localOffset });
    at = extra + extraLength + commentLength;
  }

  let total = 0;
  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    entries,
    read(name) {
      const entry = byName.get(name);
      if (!entry) return undefined;
      const limit = limits.entryBytes(name);
      if (limit === null) throw new ArchiveError(`archive entry ${name} is not read`);
      if (entry.declaredBytes > limit) throw new ArchiveError(`archive entry ${name} declares ${entry.declaredBytes} bytes; the limit is ${limit}`, 'entry_bytes');
      if (total + entry.declaredBytes > limits.totalBytes) throw new ArchiveError(`the archive expands to more than ${limits.totalBytes} bytes`, 'total_bytes');
      const out = inflateEntry(bytes, view, entry, Math.min(limit, entry.declaredBytes), (produced) => {
        if (produced > limit) throw new ArchiveError(`archive entry ${name} inflates beyond ${limit} bytes`, 'entry_bytes');
        if (total + produced > limits.totalBytes) throw new ArchiveError(`the archive expands to more than ${limits.totalBytes} bytes`, 'total_bytes');
      });
      total += out.length;
      return out;
    },
  };
}

function findEocd(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new ArchiveError('not a zip archive (no end of central directory)');
}

/**
 * Inflates one entry, checking the running size after every step: more than it declared is a lie
 * and refused as one; `check` applies the limits. Stored (0) and DEFLATE (8) are what zip tools
 * write for documents; anything else is refused.
 */
function inflateEntry(bytes: Uint8Array, view: DataView, entry: ZipEntry, declared: number, check: (produced: number) => void): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw new ArchiveError(`archive entry ${entry.name} has no local header`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedBytes);
  if (data.length !== entry.compressedBytes) throw new ArchiveError(`archive entry ${entry.name} is cut short`);
  const lie = () => new ArchiveError(`archive entry ${entry.name} inflates beyond the ${entry.declaredBytes} bytes it declares`, 'entry_bytes');
  if (entry.method === 0) {
    check(data.length);
    if (data.length > entry.declaredBytes) throw lie();
    return data.slice();
  }
  if (entry.method !== 8) throw new ArchiveError(`archive entry ${entry.name} uses compression method ${entry.method}`);
  const out = new Uint8Array(declared);
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    check(produced + chunk.length);
    if (produced + chunk.length > declared) throw lie();
    out.set(chunk, produced);
    produced += chunk.length;
  });
  try {
    for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`archive entry ${entry.name} is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  return produced === out.length ? out : out.slice(0, produced);
}
