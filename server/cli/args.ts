import { UsageError } from './io';

/**
 * Minimal flag parser: `--name value`, `--name=value`, boolean `--flag`; everything else is a
 * positional argument. Unknown flags are a usage error, never ignored.
 */
export function parseArgs(args: string[], spec: { strings?: string[]; booleans?: string[] }) {
  const strings = new Set(spec.strings ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const flags: Record<string, string> = {};
  const bools: Record<string, boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (booleans.has(name) && eq < 0) bools[name] = true;
    else if (strings.has(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { flags, bools, positional };
}
