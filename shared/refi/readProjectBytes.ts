import { parseProject } from './parseProject';
import type { RefiProject } from './project';
import { sourceEntryName, unzipQdpx } from './unzipQdpx';
import { inFile } from './where';
import { RefiError } from './xmlText';

/** Whether the bytes are a zip archive (local file header "PK"); everything else is read as XML. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/**
 * Reads a .qdpx (zip) or a bare .qde. `fileName` is the name the user gave the file: every
 * warning and error names it (and, in an archive, the project entry), so a message about one of
 * several files says which. Throws RefiError.
 */
export function readProjectBytes(bytes: Uint8Array, fileName: string): RefiProject {
  if (!isZip(bytes)) return parseProject(new TextDecoder('utf-8').decode(bytes), { file: fileName });
  let zip;
  try {
    zip = unzipQdpx(bytes);
  } catch (e) {
    throw e instanceof RefiError ? new RefiError(inFile(fileName, e.message), e.reason) : e;
  }
  return parseProject(zip.projectXml, { file: `${fileName} (${zip.projectEntry})`, readSource: (path) => zip.sources.get(sourceEntryName(path)) });
}
