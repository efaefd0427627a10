import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { TranscriptImportError } from '../../shared/transcript';
import type { Actor } from '../commands/actor';
import { importTranscript } from '../commands/importTranscripts';
import { configFromEnv } from '../config';
import { AppError } from '../errors';
import { type Services, createServices } from '../services';
import { findUserByEmail } from '../store/users';
import { parseArgs } from './args';
import { type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './io';

const USAGE = 'usage: concord import transcripts --study STUDY_ID [--as EMAIL] [--pseudonym P] FILES...';

/** The operator acts as an account (`--as`), by default the first admin: every import is audited to someone. */
async function operator(s: Services, email: string | undefined): Promise<Actor> {
  const user = email
    ? await findUserByEmail(s.db, email)
    : await s.db.selectFrom('users').selectAll().where('is_admin', '=', 1).orderBy('created_at').executeTakeFirst().then((r) => (r ? findUserByEmail(s.db, r.email) : null));
  if (!user) throw new UsageError(email ? `no account ${email}` : 'no admin account yet: run the setup or `concord user create --admin` first');
  const { passwordHash: _p, ...plain } = user;
  return { user: plain, sessionId: null };
}

/**
 * `concord import transcripts`: one participant per file (the file name) unless --pseudonym
 * names one for all files. Each file is imported whole or not at all; the others go on.
 */
export async function runImport(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'transcripts') throw new UsageError(USAGE);
  const { flags, positional } = parseArgs(rest, { strings: ['study', 'as', 'pseudonym'] });
  if (!flags.study || positional.length === 0) throw new UsageError(USAGE);
  const s = await createServices(configFromEnv());
  let failed = 0;
  try {
    const actor = await operator(s, flags.as);
    for (const path of positional) {
      try {
        const bytes = new Uint8Array(await readFile(path));
        const r = await importTranscript(s, actor, flags.study, { name: basename(path), bytes }, flags.pseudonym ? { participant: { pseudonym: flags.pseudonym } } : {});
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
