import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';

/** One file of a subject-access archive, with what it holds in words for the README. */
export interface ArchiveFile {
  path: string;
  description: string;
  /** Bytes and strings (UTF-8) are written as they are, anything else as pretty JSON. */
  content: unknown;
}

export interface SubjectArchiveInput {
  subject: { kind: 'participant' | 'user' | 'study'; id: string; label: string };
  /** The README's first line (default: a subject-access export). */
  heading?: string;
  generatedAt: number;
  generatedBy: { id: string; name: string };
  /** Paragraphs of the README after the generic opening: scope and what is not included. */
  notes: string[];
  files: ArchiveFile[];
}

export const SUBJECT_ARCHIVE_FORMAT = 'concord-subject-access';

/**
 * A documented archive: a subject-access archive (issue 18 item 6) or a study's final export: a zip with `README.txt` (what this is, what each
 * file holds, what is not in it), `manifest.json` (machine-readable: the subject, when, by whom,
 * every file with its SHA-256) and the files. Times inside are the generation time.
 */
export function zipSubjectArchive(input: SubjectArchiveInput): { bytes: Uint8Array; manifest: SubjectManifest } {
  const mtime = new Date(input.generatedAt);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const listed: SubjectManifest['files'] = [];
  for (const f of input.files) {
    const bytes = f.content instanceof Uint8Array ? f.content : strToU8(typeof f.content === 'string' ? f.content : `${JSON.stringify(f.content, null, 2)}\n`);
    entries[f.path] = [bytes, { mtime }];
    listed.push({ path: f.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), description: f.description });
  }
  const manifest: SubjectManifest = {
    format: SUBJECT_ARCHIVE_FORMAT,
    version: 1,
    subject: input.subject,
    generatedAt: new Date(input.generatedAt).toISOString(),
    generatedBy: input.generatedBy,
    files: listed,
  };
  entries['manifest.json'] = [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { mtime }];
  entries['README.txt'] = [strToU8(readme(input, listed)), { mtime }];
  return { bytes: zipSync(entries, { level: 6 }), manifest };
}

export interface SubjectManifest {
  format: typeof SUBJECT_ARCHIVE_FORMAT;
  version: 1;
  subject: SubjectArchiveInput['subject'];
  generatedAt: string;
  generatedBy: { id: string; name: string };
  files: Array<{ path: string; bytes: number; sha256: string; description: string }>;
}

function readme(input: SubjectArchiveInput, files: SubjectManifest['files']): string {
  const who = { participant: 'the research participant', user: 'the user account', study: 'the study' }[input.subject.kind] + ` ${input.subject.label}`;
  const lines = [
    input.heading ?? `Subject-access export from Concord`,
    ``,
    `${input.subject.kind === 'study' ? 'What this Concord instance held of' : 'Everything this Concord instance holds about'} ${who} (id ${input.subject.id}),`,
    `generated ${new Date(input.generatedAt).toISOString()} by ${input.generatedBy.name} (id ${input.generatedBy.id}).`,
    ``,
    ...input.notes.flatMap((n) => [n, '']),
    `Files (JSON where named .json; times are milliseconds since 1970 UTC; manifest.json lists`,
    `each file's size and SHA-256):`,
    ``,
    ...files.map((f) => `  ${f.path}\n      ${f.description}`),
    ``,
    `This archive holds personal data. Keep it as carefully as the study data and delete it when`,
    `it has served its purpose.`,
    ``,
  ];
  return lines.join('\n');
}
