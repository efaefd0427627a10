import { z } from 'zod';
import { configFromEnv } from '../config';
import { DEMO_ACCOUNTS, type DemoPasswords, randomDemoPasswords, sameDemoPassword } from '../demo/accounts';
import { DEMO_LEVELS } from '../demo/content/codebook';
import { DEMO_STUDY } from '../demo/content/study';
import { DemoExistsError, type DemoSummary, seedDemo } from '../demo/seedDemo';
import { closeDocRegistry } from '../ydocs/withDoc';
import { createLogger } from '../log';
import { createServices } from '../services';
import { parseArgs } from './args';
import { type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './io';

// Same rule as an account password set through the API (shared/api.ts).
const passwordFlag = z.string().min(8, '--password needs at least 8 characters').max(256, '--password is too long');

/** `concord demo [--password P]`: seeds the fictional demo study and prints its accounts. */
export async function runDemo(args: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(args, { strings: ['password'] });
  if (positional.length > 0) throw new UsageError(`unexpected argument '${positional[0]}' (usage: concord demo [--password P])`);
  let passwords: DemoPasswords = randomDemoPasswords();
  if (flags.password !== undefined) {
    const parsed = passwordFlag.safeParse(flags.password);
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
    passwords = sameDemoPassword(parsed.data);
  }

  const config = configFromEnv();
  // The registry logs every document it loads at `info`; a dozen such lines would bury the
  // passwords this command exists to print, so the demo logs warnings and errors only.
  const s = await createServices(config, { log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
  try {
    const summary = await seedDemo(s, passwords);
    io.stdout(report(summary, passwords, config.publicOrigin ?? `http://localhost:${config.port}`));
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof DemoExistsError)) throw e;
    io.stderr(`concord demo: ${e.message}; nothing was changed. Sign in with the demo accounts, or use a fresh DATA_DIR.\n`);
    return EXIT_FAILURE;
  } finally {
    await closeDocRegistry(s);
    await s.close();
  }
}

function report(summary: DemoSummary, passwords: DemoPasswords, origin: string): string {
  const transcripts = summary.transcripts.map((t) => `    ${t.pseudonym}  ${String(t.lines).padStart(3)} lines  ${t.phase}`);
  const layers = Object.entries(summary.layers).map(
    ([coder, n]) => `    ${coder}: ${n.codings} codings, ${n.notes} exploratory notes, ${n.statements} experiential statements`,
  );
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  const accounts = DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(width)}  ${a.role.padEnd(7)}  ${passwords[a.key]}`);
  return [
    `Seeded the demo study "${DEMO_STUDY.title}" (${summary.studyId}): blind coding, ${summary.themes} themes on ${DEMO_LEVELS.length} levels (${DEMO_LEVELS.join(' > ')}).`,
    '  transcripts:',
    ...transcripts,
    '  independent layers:',
    ...layers,
    `  ${summary.transcripts.find((t) => t.phase === 'reconciling')?.pseudonym ?? 'No transcript'} is in reconciling, so the coders' disagreements can be discussed at once; the others are still being coded blind.`,
    '',
    `Accounts (start the server with \`npm start\`, then sign in at ${origin}):`,
    ...accounts,
    '',
    'These passwords are shown only now. All people and events in the demo are fictional.',
    '',
  ].join('\n');
}
