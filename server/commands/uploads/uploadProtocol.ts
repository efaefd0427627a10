import { TranscriptImportError } from '../../../shared/transcript';
import { AppError } from '../../errors';

// What crosses between the server thread (UploadParser.ts) and the upload worker
// (commands/uploadWorker/): tasks in, results or refusals out, as plain data.

/**
 * What the upload worker parses; results are plain data (structured clone). Everything that
 * reads an uploaded file or scans its whole text runs there, never on the server thread (issue
 * 14 item 2: no more than 100 ms of blocking): Word files, projects, codebooks (.qdc) and the
 * identifier review of a transcript preview (NLP over the whole text).
 */
export type UploadTask =
  | { kind: 'docx'; name: string; bytes: Uint8Array }
  | { kind: 'project'; name: string; bytes: Uint8Array; lineWidth: number; now: number }
  | { kind: 'codebook'; name: string; bytes: Uint8Array }
  | { kind: 'identifiers'; raw: string; key: Array<{ original: string; replacement: string; kind: string }>; speakers: string[] };

/** A refusal as it crosses from the worker to the server thread. */
export type UploadFailure = { type: 'app'; code: AppError['code']; message: string } | { type: 'transcript'; code: TranscriptImportError['code']; message: string } | { type: 'internal'; message: string };

export function toFailure(e: unknown): UploadFailure {
  if (e instanceof AppError) return { type: 'app', code: e.code, message: e.message };
  if (e instanceof TranscriptImportError) return { type: 'transcript', code: e.code, message: e.message };
  return { type: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export function fromFailure(f: UploadFailure): Error {
  if (f.type === 'app') return new AppError(f.code, f.message);
  if (f.type === 'transcript') return new TranscriptImportError(f.code, f.message);
  return new Error(`upload parsing failed: ${f.message}`);
}
