import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The REFI-QDA schemas and samples shared with this project (not part of it: they belong to
 * REFI and other projects, see their SOURCES.md). REFI_QDA_DIR overrides; otherwise the workplace
 * layout puts them beside the checkout, in ../shared/refi-qda, or at the workplace's shared folder
 * when CI checks the project out elsewhere. This is the one place that names that location.
 */
function findRefiQdaDir(): string {
  const candidates = [process.env.REFI_QDA_DIR, resolve(process.cwd(), '..', 'shared', 'refi-qda'), '/work/shared/refi-qda'];
  const found = candidates.find((d): d is string => Boolean(d) && existsSync(join(d!, 'Project.xsd')));
  if (!found) throw new Error('REFI-QDA schemas not found: set REFI_QDA_DIR to the folder holding Project.xsd');
  return found;
}

export const REFI_QDA_DIR = findRefiQdaDir();
export const refiQda = (...parts: string[]) => join(REFI_QDA_DIR, ...parts);
