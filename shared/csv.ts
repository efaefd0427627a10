/**
 * CSV (RFC 4180), the one writer and the one parser: server exports, the audit trail export, the
 * CLI's readers and the browser's report export all use these.
 */

export type CsvValue = string | number | boolean | null;

/**
 * What happens to text a spreadsheet would run as a formula (starting with = + - @, tab or CR:
 * OWASP "CSV injection", CWE-1236), which gets a leading apostrophe:
 * - `guard`: every such string (an interview quote "-- well, =SUM..." must stay text);
 * - `guard-text`: the same, except strings that are numbers ("-0.25" stays a number);
 * - `verbatim`: nothing is altered (evidence that must hash to what was recorded).
 * Numbers, booleans and null are never altered.
 */
export type FormulaGuard = 'guard' | 'guard-text' | 'verbatim';

export function csvCell(value: CsvValue, guard: FormulaGuard = 'guard'): string {
  let v = value === null ? '' : String(value);
  if (typeof value === 'string' && guard !== 'verbatim' && /^[=+\-@\t\r]/.test(v)) {
    const numeric = guard === 'guard-text' && v !== '' && Number.isFinite(Number(v));
    if (!numeric) v = `'${v}`;
  }
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows as CSV text: cells joined by commas, every row ended by CRLF. */
export function csvText(rows: ReadonlyArray<ReadonlyArray<CsvValue>>, guard: FormulaGuard = 'guard'): string {
  return rows.map((r) => `${r.map((c) => csvCell(c, guard)).join(',')}\r\n`).join('');
}

/** A file for spreadsheets: a BOM (so Excel reads UTF-8: pseudonyms and quotes are rarely ASCII), a header, the rows. */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return `\uFEFF${csvText([header, ...rows])}`;
}

/** One CSV record and the line of the text it starts on (1-based), for messages. */
export interface CsvRow {
  readonly cells: string[];
  readonly line: number;
}

/** A quoted field that is never closed; `line` is where its quote opened. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`line ${line}: a quoted field opened here is never closed (a missing '"')`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF, LF or CR line ends,
 * a leading BOM; blank lines are skipped. Each row keeps the line it starts on, so a message can
 * say where (a quoted field with line breaks makes rows and lines differ).
 */
export function parseCsv(text: string): CsvRow[] {
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
  if (quoted) throw new CsvSyntaxError(quoteLine);
  if (field !== '' || cells.length > 0) endRow();
  return rows;
}
