import { readProjectFile } from '../interchange/refiImport';
import { docxToText } from '../transcripts/importTranscripts';
import type { UploadTask } from '../uploads/uploadProtocol';

/** The worker side of an upload: the parsing itself (commands/uploads/UploadParser.ts hands it over). */
export async function runUploadTask(task: UploadTask): Promise<unknown> {
  if (task.kind === 'docx') return docxToText(task.name, task.bytes);
  return readProjectFile({ name: task.name, bytes: task.bytes }, task.lineWidth, task.now);
}

