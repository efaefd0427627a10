import { UsageError } from './io';

/** One CSV record and the line of the file it starts on (1-based), for messages. */
export interface CsvRow {
  readonly cells: string[];
  readonly line: number;
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, CRLF, LF or CR line
 * ends, a leading BOM; blank lines are skipped. Each row keeps the line it starts on, so a
 * message can say where in the file (a quoted field with line breaks makes rows and lines differ).
 * An unterminated quote is refused with the file and the line where the quote opened.
 */
export function readCsvRows(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    cells.push(field);
    if (cells.length > 1 || (cells[0] ?? '') !== '') rows.push({ cells, line: rowLine });
    cells = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') continue;
      endRow();
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw new UsageError(`${file}: line ${quoteLine}: a quoted field opened here is never closed (a missing '"')`);
  if (field !== '' || cells.length > 0) endRow();
  return rows;
}
