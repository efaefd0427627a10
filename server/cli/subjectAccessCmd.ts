import { exportParticipantData } from '../commands/privacy/subjectAccess';
import { exportUserData } from '../commands/privacy/userAccess';
import { configFromEnv } from '../config';
import { AppError } from '../errors';
import { createServices } from '../services';
import { writePrivateFile } from '../store/privateFiles';
import { parseArgs } from './args';
import { operator } from './importCmd';
import { type CliIo, EXIT_OK, UsageError } from './io';

const USAGE = 'usage: concord subject-access participant|user ID --out FILE.zip [--as EMAIL]';

/**
 * `concord subject-access participant PID | user UID --out FILE.zip`: the subject-access archive
 * (docs/privacy.md), with the same rights as through the API for the operator (`--as`, default
 * the first admin): a participant's needs a lead of their study. Written 0600; audited and
 * recorded in the access log with the door `cli`.
 */
export async function runSubjectAccess(args: string[], io: CliIo): Promise<number> {
  const [kind, id, ...rest] = args;
  if ((kind !== 'participant' && kind !== 'user') || !id || id.startsWith('--')) throw new UsageError(USAGE);
  const { flags, positional } = parseArgs(rest, { strings: ['out', 'as'] });
  if (!flags.out || positional.length) throw new UsageError(USAGE);
  const s = await createServices(configFromEnv());
  try {
    const actor = await operator(s, flags.as);
    const file = await (kind === 'participant' ? exportParticipantData(s, actor, id, 'cli') : exportUserData(s, actor, id, 'cli')).catch((e: unknown) => {
      throw e instanceof AppError ? new UsageError(`${e.code}: ${e.message}`) : e;
    });
    writePrivateFile(flags.out, file.body);
    io.stdout(`wrote the subject-access archive of ${kind} ${id} to ${flags.out} (${file.body.length} bytes)\n`);
    return EXIT_OK;
  } finally {
    await s.close();
  }
}
