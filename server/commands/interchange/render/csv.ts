/**
 * RFC 4180 CSV for human content (quotes, labels, comments). A cell that a spreadsheet would run
 * as a formula (starting with = + - @ or a tab/CR) gets a leading apostrophe: an interview quote
 * such as "-- well, =SUM..." must not become a formula in the analyst's Excel (CWE-1236).
 */
export function csvCell(value: string | number | boolean | null): string {
  let v = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  // A BOM lets Excel read UTF-8 (pseudonyms and quotes are rarely ASCII only).
  return `\uFEFF${[header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;
}
