import { exportCodingsCsv, exportThemesCsv } from '../commands/interchange/csvExport';
import { exportCodebook, exportProject } from '../commands/interchange/refiExport';
import { configFromEnv } from '../config';
import { AppError } from '../errors';
import { createServices } from '../services';
import { writePrivateFile } from '../store/privateFiles';
import { parseArgs } from './args';
import { operator } from './importCmd';
import { type CliIo, EXIT_OK, UsageError } from './io';

const USAGE = 'usage: concord export project|codebook|codings|themes --study STUDY_ID --out FILE [--as EMAIL] [--format qdpx|qde]';
const WHAT = ['project', 'codebook', 'codings', 'themes'] as const;

/**
 * `concord export`: a study as a REFI-QDA project (.qdpx, or .qde with --format qde), its codebook
 * (.qdc), or CSV of codings or themes, written to --out. The operator (`--as`, default the first
 * admin) needs the same rights as through the API, and the export is audited to them.
 */
export async function runExport(args: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = args;
  if (!WHAT.includes(what as (typeof WHAT)[number])) throw new UsageError(USAGE);
  const { flags, positional } = parseArgs(rest, { strings: ['study', 'out', 'as', 'format'] });
  if (!flags.study || !flags.out || positional.length) throw new UsageError(USAGE);
  const format = flags.format ?? 'qdpx';
  if (format !== 'qdpx' && format !== 'qde') throw new UsageError('--format is qdpx or qde');
  if (flags.format && what !== 'project') throw new UsageError('--format applies to `export project` only');
  const s = await createServices(configFromEnv());
  try {
    const actor = await operator(s, flags.as);
    const studyId = flags.study;
    const data = await (async () => {
      // Audited to the operator and recorded in the access log with door `cli` (docs/privacy.md).
      if (what === 'project') return (await exportProject(s, actor, studyId, format, 'cli')).body;
      if (what === 'codebook') return (await exportCodebook(s, actor, studyId, 'cli')).body;
      return what === 'codings' ? exportCodingsCsv(s, actor, studyId, 'cli') : exportThemesCsv(s, actor, studyId, 'cli');
    })().catch((e: unknown) => {
      throw e instanceof AppError ? new UsageError(`${e.code}: ${e.message}`) : e;
    });
    writePrivateFile(flags.out, data);
    io.stdout(`wrote ${what} of study ${studyId} to ${flags.out} (${typeof data === 'string' ? Buffer.byteLength(data) : data.length} bytes)\n`);
    return EXIT_OK;
  } finally {
    await s.close();
  }
}
