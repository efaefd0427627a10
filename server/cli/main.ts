import { type CliIo, processIo, UsageError, EXIT_USAGE, EXIT_FAILURE } from './io';

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Each command lives in its own module, loaded only when it runs. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'start the server (PORT, DATA_DIR, DATABASE_URL, PUBLIC_ORIGIN)', load: async () => (await import('./serve')).runServe },
  user: { summary: 'user create --email E --name N [--admin]  (password on stdin)', load: async () => (await import('./user')).runUser },
  'setup-token': { summary: 'a fresh one-time token for the first account (earlier ones stop working)', load: async () => (await import('./setupToken')).runSetupToken },
  demo: { summary: 'seed a fictional IPA demo study with accounts and disagreeing coders [--password P]', load: async () => (await import('./demo')).runDemo },
  import: { summary: 'import transcripts --study S [--as EMAIL] [--pseudonym P] FILES... | import project FILE [--as EMAIL]', load: async () => (await import('./importCmd')).runImport },
  export: { summary: 'export project|codebook|codings|themes --study S --out FILE [--as EMAIL] [--format qdpx|qde]', load: async () => (await import('./exportCmd')).runExport },
  'subject-access': { summary: 'subject-access participant|user ID --out FILE.zip [--as EMAIL]  (everything held about one person)', load: async () => (await import('./subjectAccessCmd')).runSubjectAccess },
  backup: { summary: 'backup --out FILE  (a consistent online copy of the SQLite database)', load: async () => (await import('./backup')).runBackup },
  encrypt: { summary: 'encrypt  (an existing SQLite database, with CONCORD_DB_KEY; stop the server first)', load: async () => (await import('./encrypt')).runEncrypt },
  restore: { summary: 'restore FILE  (stop the server first)', load: async () => (await import('./restore')).runRestore },
  audit: { summary: 'audit verify FILE.json|FILE.csv  (check an exported audit trail offline)', load: async () => (await import('./audit')).runAudit },
  agreement: { summary: 'reliability calculator: matrix | spans | qdpx', load: async () => (await import('./agreement')).runAgreement },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `usage: concord <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`concord: unknown command '${name}'\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`concord ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`concord ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
