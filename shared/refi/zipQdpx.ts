import { strToU8, zipSync } from 'fflate';
import type { ExportProject } from './exportModel';
import { sourceFileName, writeProject } from './writeProject';

/**
 * A REFI-QDA project exchange file: `project.qde` at the root and each text source as UTF-8 in a
 * lowercase `sources/` folder (the standard's spelling; some tools write `Sources/`, which breaks
 * case-sensitive readers). `mtime` is fixed so the same study zips to the same bytes.
 */
export function zipQdpx(p: ExportProject): Uint8Array {
  // Zip times start in 1980; a project without a creation time gets that first day.
  const mtime = new Date(Math.max(p.createdAt ?? 0, Date.UTC(1980, 0, 2)));
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    'project.qde': [strToU8(writeProject(p, { text: 'path' })), { mtime }],
  };
  for (const s of p.sources) files[`sources/${sourceFileName(s)}`] = [strToU8(s.text), { mtime }];
  return zipSync(files, { level: 6 });
}
