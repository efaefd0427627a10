import type { KeyEntry } from '../../../shared/privacy/pseudonymisation';
import { readCodebookFile } from '../interchange/refiCodebook';
import { readProjectFile } from '../interchange/refiImport';
import { findIdentifiers } from '../privacy/pseudonymise';
import { docxToText } from '../transcripts/importTranscripts';
import type { UploadTask } from '../uploads/uploadProtocol';

/** The worker side of an upload: the parsing itself (commands/uploads/UploadParser.ts hands it over). */
export async function runUploadTask(task: UploadTask): Promise<unknown> {
  switch (task.kind) {
    case 'docx':
      return docxToText(task.name, task.bytes);
    case 'project':
      return readProjectFile({ name: task.name, bytes: task.bytes }, task.lineWidth, task.now);
    case 'codebook':
      return readCodebookFile(task.bytes, task.name);
    case 'identifiers':
      return findIdentifiers(task.raw, task.key as KeyEntry[], task.speakers);
  }
}
