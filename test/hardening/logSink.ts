import { type Logger, createLogger } from '../../server/log';

export interface LogEntry {
  level: string;
  event: string;
  [field: string]: unknown;
}

/** A Logger whose lines the test can read (server/log.ts sink), at info level. */
export function logSink(): { log: Logger; entries: LogEntry[]; count: (event: string, where?: (e: LogEntry) => boolean) => number } {
  const entries: LogEntry[] = [];
  const log = createLogger('info', (line) => entries.push(JSON.parse(line) as LogEntry));
  return { log, entries, count: (event, where = () => true) => entries.filter((e) => e.event === event && where(e)).length };
}
