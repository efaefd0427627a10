import { TranscriptImportError } from '../../../shared/transcript';
import { AppError } from '../../errors';
import { readProjectFile } from '../interchange/refiImport';
import { docxToText } from '../transcripts/importTranscripts';

/** What the upload worker parses; results are plain data (structured clone). */
export type UploadTask =
  | { kind: 'docx'; name: string; bytes: Uint8Array }
  | { kind: 'project'; name: string; bytes: Uint8Array; lineWidth: number; now: number };

/** A refusal as it crosses from the worker to the server thread. */
export type UploadFailure = { type: 'app'; code: AppError['code']; message: string } | { type: 'transcript'; code: TranscriptImportError['code']; message: string } | { type: 'internal'; message: string };

export async function runUploadTask(task: UploadTask): Promise<unknown> {
  if (task.kind === 'docx') return docxToText(task.name, task.bytes);
  return readProjectFile({ name: task.name, bytes: task.bytes }, task.lineWidth, task.now);
}

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
