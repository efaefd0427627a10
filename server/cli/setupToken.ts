import { alreadySetUp, issueSetupToken, type SetupToken } from '../commands/accounts/setupToken';
import { type Config, configFromEnv } from '../config';
import { createServices } from '../services';
import { type CliIo, EXIT_OK, UsageError } from './io';

/**
 * `concord setup-token`: a fresh one-time token for the first account; every earlier one stops
 * working. For an operator who lost the one the server printed (or whose 24 hours ran out): the
 * CLI runs with access to the data, so it needs no token itself. Refused once an account exists.
 */
export async function runSetupToken(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) throw new UsageError('usage: concord setup-token  (takes no arguments)');
  const config = configFromEnv();
  const s = await createServices(config);
  try {
    const issued = await issueSetupToken(s, { replace: true });
    if (!issued) throw alreadySetUp();
    io.stdout(setupTokenMessage(issued, instanceUrl(config), false));
    return EXIT_OK;
  } finally {
    await s.close();
  }
}

/** What the console shows an operator who must create the first account. */
export function setupTokenMessage(t: SetupToken, url: string, fromEnvironment: boolean): string {
  const until = new Date(t.expiresAt).toISOString().slice(0, 16).replace('T', ' ');
  const token = fromEnvironment ? 'the token set in CONCORD_SETUP_TOKEN.\n' : `this setup token:\n\n    ${t.token}\n\n`;
  return `No account exists yet. To create the first (administrator) account, open ${url} and enter ${token}It works once, until ${until} UTC; \`concord setup-token\` makes a new one.\n`;
}

/** The address the operator opens: PUBLIC_ORIGIN, else this machine's port. */
function instanceUrl(config: Config): string {
  if (config.publicOrigin) return config.publicOrigin;
  const local = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(config.host);
  return `http://${local ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
}
