import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { TranscriptImportError } from '../../shared/transcript';
import type { Actor } from '../commands/access/actor';
import { importTranscript } from '../commands/transcripts/importTranscripts';
import { importProject, previewProject, readProjectFile } from '../commands/interchange/refiImport';
import type { ImportReport } from '../../shared/refi';
import { DEFAULT_LINE_WIDTH } from '../../shared/domain';
import { configFromEnv } from '../config';
import { AppError } from '../errors';
import { type Services, createServices } from '../services';
import { findUserByEmail } from '../store/users';
import { parseArgs } from './args';
import { readReview, writeReview } from './importReview';
import { type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './io';

const USAGE =
  'usage: concord import transcripts --study STUDY_ID [--as EMAIL] [--pseudonym P] FILES...\n' +
  '       concord import review --study STUDY_ID [--as EMAIL] --out REVIEW.json FILES...   (pseudonymisation review, docs/privacy.md)\n' +
  '       concord import transcripts --study STUDY_ID [--as EMAIL] --review REVIEW.json\n       concord import project FILE.qdpx|FILE.qde [--as EMAIL] [--users "NAME=EMAIL,..."] [--dry-run]';

/** The operator acts as an account (`--as`), by default the first admin: every import is audited to someone. */
export async function operator(s: Services, email: string | undefined): Promise<Actor> {
  const user = email
    ? await findUserByEmail(s.db, email)
    : await s.db.selectFrom('users').selectAll().where('is_admin', '=', 1).orderBy('created_at').executeTakeFirst().then((r) => (r ? findUserByEmail(s.db, r.email) : null));
  if (!user) throw new UsageError(email ? `no account ${email}` : 'no admin account yet: run the setup or `concord user create --admin` first');
  const { passwordHash: _p, ...plain } = user;
  return { user: plain, sessionId: null };
}

/**
 * `concord import transcripts`: one participant per file (the next free P-number) unless
 * --pseudonym names one for all files; with --review, the files, pseudonyms and accepted
 * replacements of a review file (`concord import review`). Each file is imported whole or not at
 * all; the others go on.
 */
export async function runImport(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'project') return runImportProject(rest, io);
  if (what === 'review') return runImportReview(rest, io);
  if (what !== 'transcripts') throw new UsageError(USAGE);
  const { flags, positional } = parseArgs(rest, { strings: ['study', 'as', 'pseudonym', 'review'] });
  if (!flags.study || (positional.length === 0) === !flags.review) throw new UsageError(USAGE);
  const s = await createServices(configFromEnv());
  let failed = 0;
  try {
    const actor = await operator(s, flags.as);
    const reviewed = flags.review ? await readReview(flags.review, flags.study) : null;
    const jobs = reviewed ?? positional.map((path) => ({ path, bytes: null, pseudonym: flags.pseudonym, title: undefined, decisions: undefined }));
    for (const job of jobs) {
      const path = job.path;
      try {
        const bytes = job.bytes ?? new Uint8Array(await readFile(path));
        const options = {
          ...(job.pseudonym ? { participant: { pseudonym: job.pseudonym } } : {}),
          ...(job.title ? { title: job.title } : {}),
          ...(job.decisions ? { pseudonymise: job.decisions } : {}),
        };
        const r = await importTranscript(s, actor, flags.study, { name: basename(path), bytes }, options);
        io.stdout(`imported ${path}: ${r.lineCount} lines, speakers ${r.speakers.map((x) => `${x.name} (${x.turns})`).join(', ') || 'none'} -> transcript ${r.transcript.id}\n`);
      } catch (e) {
        if (e instanceof TranscriptImportError || e instanceof AppError) {
          failed++;
          io.stderr(`${path}: ${e.code}: ${e.message}\n`);
          if (e instanceof AppError && (e.code === 'not_found' || e.code === 'forbidden')) break;
        } else if (e instanceof Error && 'code' in e && (e as NodeJS.ErrnoException).code === 'ENOENT') {
          failed++;
          io.stderr(`${path}: no such file\n`);
        } else throw e;
      }
    }
  } finally {
    await s.close();
  }
  return failed ? EXIT_FAILURE : EXIT_OK;
}

/** `concord import review`: writes the pseudonymisation review file of a batch (server/cli/importReview.ts). */
async function runImportReview(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(args, { strings: ['study', 'as', 'out'] });
  if (!flags.study || !flags.out || positional.length === 0) throw new UsageError(USAGE);
  const s = await createServices(configFromEnv());
  try {
    const actor = await operator(s, flags.as);
    const n = await writeReview(s, actor, flags.study, positional, flags.out);
    io.stdout(`review written to ${flags.out}: ${positional.length} files, ${n} candidate identifiers. It holds the originals: edit it, import with --review, then delete it.\n`);
    return EXIT_OK;
  } finally {
    await s.close();
  }
}

/** `NAME=EMAIL,NAME=EMAIL`: the file's users (by name or GUID) to map onto existing accounts. */
function parseUserMap(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--users takes NAME=EMAIL pairs separated by commas, not "${pair}"`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim().toLowerCase();
  }
  return out;
}

function printReport(io: CliIo, report: ImportReport): void {
  const n = report.imported;
  io.stdout(`${n.themes} themes, ${n.participants} participants, ${n.transcripts} transcripts, ${n.codings} codings, ${n.notes} notes, ${n.statements} statements\n`);
  io.stdout(`offsets read as ${report.convention.unit}, CRLF ${report.convention.crlf === 'one' ? 'as one character' : 'as two'}, ${report.convention.end} ends\n`);
  io.stdout(`modelled: ${report.parts.modelled.join(', ') || 'nothing'}; carried as written for the export: ${report.parts.carried.join(', ') || 'nothing'}\n`);
  for (const x of report.parts.refused) io.stdout(`refused ${x.element}: ${x.reason}\n`);
  for (const x of report.skipped) io.stdout(`skipped ${x.kind} ${x.name}: ${x.reason}\n`);
  for (const w of report.warnings) io.stdout(`warning: ${w}\n`);
}

/**
 * `concord import project FILE`: a REFI-QDA project becomes a new study led by the operator
 * (`--dry-run`: only the report). A file that is refused (unreadable, unsafe, too large) or a
 * wrong `--users` mapping is a usage error: exit 2, nothing stored.
 */
async function runImportProject(args: string[], io: CliIo): Promise<number> {
  const { flags, bools, positional } = parseArgs(args, { strings: ['as', 'users'], booleans: ['dry-run'] });
  const [path, ...extra] = positional;
  if (!path || extra.length) throw new UsageError(USAGE);
  const users = parseUserMap(flags.users);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    throw new UsageError(`${path}: no such file`);
  }
  // The reader's messages begin with the file name (and the element) already.
  const refused = (e: unknown) => (e instanceof AppError ? new UsageError(`${e.code}: ${e.message}`) : e);
  if (bools['dry-run']) {
    let preview;
    try {
      preview = previewProject(readProjectFile({ name: basename(path), bytes }, DEFAULT_LINE_WIDTH, Date.now()));
    } catch (e) {
      throw refused(e);
    }
    io.stdout(`${path} would become the study "${preview.title}": `);
    printReport(io, preview.report);
    for (const u of preview.users) io.stdout(`user ${u.name} (${u.guid}): ${u.codings} codings\n`);
    return EXIT_OK;
  }
  const s = await createServices(configFromEnv());
  try {
    const actor = await operator(s, flags.as);
    const { study, report, pendingUsers, mappedUsers } = await importProject(s, actor, { name: basename(path), bytes }, users ? { users } : {}).catch((e: unknown) => {
      throw refused(e);
    });
    io.stdout(`imported ${path} as study ${study.id} "${study.title}": `);
    printReport(io, report);
    for (const u of mappedUsers) io.stdout(`coder ${u.name} -> ${u.email}\n`);
    for (const u of pendingUsers) io.stdout(`pending coder account: ${u.name} (${u.userId}), cannot sign in yet\n`);
    return EXIT_OK;
  } finally {
    await s.close();
  }
}
