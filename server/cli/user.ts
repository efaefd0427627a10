import { z } from 'zod';
import { createUser } from '../commands/accounts/accounts';
import { configFromEnv } from '../config';
import { AppError } from '../errors';
import { createServices } from '../services';
import { parseArgs } from './args';
import { type CliIo, EXIT_OK, UsageError } from './io';

const input = z.object({
  email: z.string().trim().toLowerCase().email('--email must be an email address'),
  name: z.string().trim().min(1, '--name must not be empty').max(120),
  password: z.string().min(8, 'the password (stdin) needs at least 8 characters').max(256),
});

/** `concord user create --email E --name N [--admin]`; the password is read from stdin. */
export async function runUser(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new UsageError('usage: concord user create --email E --name N [--admin]  (password on stdin)');
  const { flags, bools } = parseArgs(rest, { strings: ['email', 'name'], booleans: ['admin'] });
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  const parsed = input.safeParse({ email: flags.email, name: flags.name, password });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const s = await createServices(configFromEnv());
  try {
    const user = await createUser(s, { ...parsed.data, isAdmin: bools.admin ?? false });
    io.stdout(`created ${user.isAdmin ? 'admin ' : ''}account ${user.email} (${user.id})\n`);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof AppError) throw new UsageError(e.message);
    throw e;
  } finally {
    await s.close();
  }
}
