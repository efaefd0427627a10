import { zipSync } from 'fflate';
import { DOCX_LIMITS } from './archiveLimits';
import { openZip } from './readZip';

/** The parts a text extraction reads: XML and relationships, never media or embedded files. */
const isTextPart = (name: string) => /\.(xml|rels)$/i.test(name);

/**
 * A .docx reduced to its XML parts, each inflated within DOCX_LIMITS (declared and actual sizes,
 * per part and in total), repacked without compression for a converter (mammoth) to read. The
 * converter then never inflates anything itself: a zip bomb is refused here, by its size, before
 * any parser sees it. Throws ArchiveError.
 */
export function docxTextParts(bytes: Uint8Array): Uint8Array {
  const zip = openZip(bytes, { entries: DOCX_LIMITS.entries, entryBytes: (name) => (isTextPart(name) ? DOCX_LIMITS.partBytes : null), totalBytes: DOCX_LIMITS.totalBytes });
  const parts: Record<string, Uint8Array> = {};
  for (const e of zip.entries) {
    if (!isTextPart(e.name) || e.name in parts) continue;
    parts[e.name] = zip.read(e.name)!;
  }
  return zipSync(parts, { level: 0 });
}
