export type LogLevel = 'silent' | 'error' | 'warn' | 'info';
const rank: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3 };

export interface Logger {
  error(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per event on stderr; `sink` lets tests observe what was logged. */
export function createLogger(level: LogLevel, sink: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (at: LogLevel) => (event: string, fields: Record<string, unknown> = {}) => {
    if (rank[at] <= rank[level]) sink(JSON.stringify({ t: new Date().toISOString(), level: at, event, ...fields }));
  };
  return { error: emit('error'), warn: emit('warn'), info: emit('info') };
}
