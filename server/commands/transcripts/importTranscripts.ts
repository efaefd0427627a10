import { type ImportedTranscript, TranscriptImportError, detectFileKind, importTranscriptFile } from '../../../shared/transcript';
import { archiveRefusal } from '../../errors';
import type { Services } from '../../services';
import type { Database } from '../../store/database';
import { listParticipants } from '../../store/participants';
import { type PseudonymDecision, type Pseudonymisation, pseudonymisation, reviewIdentifiers } from '../privacy/pseudonymise';
import { parseUpload } from '../uploads/UploadParser';
import { type Actor, authorizeStudy } from '../access/actor';
import { storeFrozenTranscript } from './transcripts';

export interface TranscriptFile {
  name: string;
  bytes: Uint8Array;
}

/** Where an imported file's transcript goes: an existing participant, or a pseudonym (found or created). */
export type ParticipantChoice = { participantId: string } | { pseudonym: string };

/**
 * One participant per file by default, named by the next free number (P01, P02, ...). Never the
 * file's name: interview files are often named after the person (docs/privacy.md).
 */
export async function nextPseudonym(db: Database, studyId: string): Promise<string> {
  const taken = new Set((await listParticipants(db, studyId)).map((p) => p.pseudonym));
  for (let n = taken.size + 1; ; n++) {
    const p = `P${String(n).padStart(2, '0')}`;
    if (!taken.has(p)) return p;
  }
}

/**
 * Reads and freezes one file without storing anything: the preview a user checks (line numbers,
 * speakers) before committing. A .docx is converted to text in the upload worker (docxToText,
 * through parseUpload), never on the event loop; the rest is bounded by the file and text limits
 * and linear, and stays here with the pseudonymisation it may apply before freezing.
 */
export async function readTranscriptFile(s: Services, file: TranscriptFile, lineWidth: number, rewrite?: Pick<Pseudonymisation, 'rewrite' | 'rewriteSpeaker'>): Promise<ImportedTranscript> {
  const kind = detectFileKind(file.name, file.bytes);
  const docxText = kind === 'docx' && file.bytes.length > 0 ? await parseUpload<string>(s, { kind: 'docx', name: file.name, bytes: file.bytes }) : undefined;
  return importTranscriptFile({ name: file.name, bytes: file.bytes, ...(docxText !== undefined ? { docxText } : {}) }, { lineWidth, ...(rewrite ?? {}) });
}

/**
 * The text of a .docx, run in the upload worker. Only its XML parts, bounded by shared/archive's
 * DOCX_LIMITS, ever reach mammoth (a crafted file inflating to 60 MB blocked the server for a
 * minute, then exhausted its heap).
 */
export async function docxToText(name: string, bytes: Uint8Array): Promise<string> {
  // Loaded with the first Word file, not at start (the zip reader is idle memory otherwise).
  const { ArchiveError, docxTextParts } = await import('../../../shared/archive');
  let parts: Uint8Array;
  try {
    parts = docxTextParts(bytes);
  } catch (e) {
    if (e instanceof ArchiveError && e.limit) throw archiveRefusal(e.limit, `"${name}": ${e.message}`);
    throw new TranscriptImportError('unsupported_type', `"${name}" could not be read as a Word document.`);
  }
  // mammoth is loaded with the first Word file, not at start.
  const { default: mammoth } = await import('mammoth');
  try {
    return (await mammoth.extractRawText({ buffer: Buffer.from(parts) })).value;
  } catch {
    throw new TranscriptImportError('unsupported_type', `"${name}" could not be read as a Word document.`);
  }
}

export async function previewTranscriptFile(s: Services, actor: Actor, studyId: string, file: TranscriptFile) {
  const { study } = await authorizeStudy(s, actor, studyId, 'transcripts.write');
  const imported = await readTranscriptFile(s, file, study.lineWidth);
  const candidates = await reviewIdentifiers(s, studyId, imported.raw, imported.preview.speakers.map((x) => x.name));
  return {
    fileName: file.name,
    kind: imported.kind,
    suggestedPseudonym: await nextPseudonym(s.db, studyId),
    preview: imported.preview,
    // Offsets are into the text before freezing: the import applies the accepted ones there.
    pseudonymisation: { candidates },
  };
}

/** Imports one file; a bad file throws a TranscriptImportError and stores nothing. */
export async function importTranscript(
  s: Services,
  actor: Actor,
  studyId: string,
  file: TranscriptFile,
  options: { participant?: ParticipantChoice; title?: string; pseudonymise?: readonly PseudonymDecision[] },
) {
  const { study } = await authorizeStudy(s, actor, studyId, 'transcripts.write');
  const p = options.pseudonymise ? await pseudonymisation(s.db, studyId, options.pseudonymise) : null;
  const imported = await readTranscriptFile(s, file, study.lineWidth, p ?? undefined);
  const choice = options.participant ?? { pseudonym: await nextPseudonym(s.db, studyId) };
  const row = await storeFrozenTranscript(s, actor, study, {
    participant: 'participantId' in choice ? { id: choice.participantId } : { pseudonym: choice.pseudonym },
    // "P01_Ana.txt" is titled "P01_Ana": the file's kind is kept in `source`, not in the title.
    title: options.title ?? file.name.replace(/^.*[\\/]/, '').replace(/\.(?:txt|md|markdown|docx|vtt|srt)$/i, ''),
    frozen: imported.frozen,
    source: { kind: imported.kind, fileName: file.name },
    ...(p ? { pseudonymisation: { entries: p.entries, counts: p.counts } } : {}),
  });
  const { text: _t, turns: _u, ...transcript } = row;
  return { transcript, lineCount: imported.preview.lineCount, speakers: imported.preview.speakers };
}
