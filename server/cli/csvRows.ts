import { type CsvRow, CsvSyntaxError, parseCsv } from '../../shared/csv';
import { UsageError } from './io';

export type { CsvRow };

/** The CSV reader of the CLI (shared/csv parseCsv): a syntax error names the file and the line. */
export function readCsvRows(text: string, file: string): CsvRow[] {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}
