import { RefiError } from '../../../shared/refi';
import { ArchiveError } from '../../../shared/archive';
import { AppError, archiveRefusal } from '../../errors';

/**
 * Largest .qdpx/.qde/.qdc accepted for import. A project of 200 interviews with their codings is
 * a few MB; the cap keeps an upload (and its base64 envelope over HTTP) from exhausting memory
 * before the archive limits in shared/archive/archiveLimits.ts even apply.
 */
export const REFI_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Largest number of coders (each a pending account) one project import may create. */
export const REFI_MAX_IMPORTED_USERS = 50;

/**
 * Runs a reader over untrusted bytes; its refusals become 400 (413 for size, with the archive
 * limit's own code) with the reader's message.
 */
export function readRefi<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ArchiveError && e.limit) throw archiveRefusal(e.limit, e.message);
    if (e instanceof RefiError) throw new AppError(e.reason === 'too_large' ? 'too_large' : 'validation_failed', e.message);
    throw e;
  }
}

export function assertRefiSize(bytes: Uint8Array, fileName: string): void {
  if (bytes.length > REFI_MAX_FILE_BYTES) throw new AppError('too_large', `${fileName}: the file is ${bytes.length} bytes; the limit is ${REFI_MAX_FILE_BYTES} bytes`);
  if (bytes.length === 0) throw new AppError('validation_failed', `${fileName}: the file is empty`);
}

/** The file's own name for messages, never a client's path. */
export function displayName(name: string): string {
  return name.replace(/^.*[\\/]/, '').slice(0, 200) || 'the file';
}
