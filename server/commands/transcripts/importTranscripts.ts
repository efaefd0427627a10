import { ArchiveError, docxTextParts } from '../../../shared/archive';
import { type ImportedTranscript, TranscriptImportError, detectFileKind, importTranscriptFile } from '../../../shared/transcript';
import { archiveRefusal } from '../../errors';
import type { Services } from '../../services';
import { parseUpload } from '../uploads/UploadParser';
import { type Actor, authorizeStudy } from '../access/actor';
import { type StoredFrozen, storeFrozenTranscript, storedFrozen } from './transcripts';

export interface TranscriptFile {
  name: string;
  bytes: Uint8Array;
}

/** Where an imported file's transcript goes: an existing participant, or a pseudonym (found or created). */
export type ParticipantChoice = { participantId: string } | { pseudonym: string };

/** One participant per file by default: the file name without its extension. */
export function pseudonymFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').trim();
  return base.slice(0, 60) || 'Participant';
}

/**
 * Reads and freezes one file without storing anything: the preview a user checks (line numbers,
 * speakers) before committing. A .docx is converted to text by mammoth here, because shared/
 * must stay free of Node-only libraries, and only its XML parts, bounded by shared/archive's
 * DOCX_LIMITS, ever reach mammoth. Runs in the upload worker (parseUpload), never on the event
 * loop.
 */
/**
 * An upload as it comes back from the parsing worker: the frozen text without its line array,
 * whose structured clone (two objects per line) alone stalled the event loop for 100-300 ms on
 * a long file; storing needs only the line count.
 */
export interface ReadTranscript {
  kind: ImportedTranscript['kind'];
  preview: ImportedTranscript['preview'];
  frozen: StoredFrozen;
}

export async function readTranscriptUpload(file: TranscriptFile, lineWidth: number): Promise<ReadTranscript> {
  const imported = await readTranscriptFile(file, lineWidth);
  return { kind: imported.kind, preview: imported.preview, frozen: storedFrozen(imported.frozen) };
}

export async function readTranscriptFile(file: TranscriptFile, lineWidth: number): Promise<ImportedTranscript> {
  const kind = detectFileKind(file.name, file.bytes);
  let docxText: string | undefined;
  if (kind === 'docx' && file.bytes.length > 0) {
    // mammoth is loaded with the first Word file, not at start.
    const { default: mammoth } = await import('mammoth');
    let parts: Uint8Array;
    try {
      parts = docxTextParts(file.bytes);
    } catch (e) {
      if (e instanceof ArchiveError && e.limit) throw archiveRefusal(e.limit, `"${file.name}": ${e.message}`);
      throw new TranscriptImportError('unsupported_type', `"${file.name}" could not be read as a Word document.`);
    }
    try {
      docxText = (await mammoth.extractRawText({ buffer: Buffer.from(parts) })).value;
    } catch {
      throw new TranscriptImportError('unsupported_type', `"${file.name}" could not be read as a Word document.`);
    }
  }
  return importTranscriptFile({ name: file.name, bytes: file.bytes, ...(docxText !== undefined ? { docxText } : {}) }, { lineWidth });
}

export async function previewTranscriptFile(s: Services, actor: Actor, studyId: string, file: TranscriptFile) {
  const { study } = await authorizeStudy(s, actor, studyId, 'transcripts.write');
  const imported = await parseUpload<ReadTranscript>(s, { kind: 'transcript', name: file.name, bytes: file.bytes, lineWidth: study.lineWidth });
  return { fileName: file.name, kind: imported.kind, suggestedPseudonym: pseudonymFromFileName(file.name), preview: imported.preview };
}

/** Imports one file; a bad file throws a TranscriptImportError and stores nothing. */
export async function importTranscript(s: Services, actor: Actor, studyId: string, file: TranscriptFile, options: { participant?: ParticipantChoice; title?: string }) {
  const { study } = await authorizeStudy(s, actor, studyId, 'transcripts.write');
  const imported = await parseUpload<ReadTranscript>(s, { kind: 'transcript', name: file.name, bytes: file.bytes, lineWidth: study.lineWidth });
  const choice = options.participant ?? { pseudonym: pseudonymFromFileName(file.name) };
  const row = await storeFrozenTranscript(s, actor, study, {
    participant: 'participantId' in choice ? { id: choice.participantId } : { pseudonym: choice.pseudonym },
    title: options.title ?? file.name.replace(/^.*[\\/]/, ''),
    frozen: imported.frozen,
    source: { kind: imported.kind, fileName: file.name },
  });
  const { text: _t, turns: _u, ...transcript } = row;
  return { transcript, lineCount: imported.preview.lineCount, speakers: imported.preview.speakers };
}
