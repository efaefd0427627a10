/**
 * How messages about a REFI-QDA file name their place (issue 17 item 6): the file, then the
 * element as it is written, with the attributes a person can search the file for, e.g.
 * `study.qdpx (project.qde): <TextSource name="P01" guid="...">: ...`.
 */
export function elementLabel(name: string, attrs: Readonly<Record<string, string | number | null | undefined>> = {}): string {
  const shown = Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]) => ` ${k}="${String(v).replace(/\s+/g, ' ').slice(0, 80)}"`)
    .join('');
  return `<${name}${shown}>`;
}

/** `file: message`, or the message alone when no file name is known (a caller adds its own). */
export function inFile(file: string | undefined, message: string): string {
  return file ? `${file}: ${message}` : message;
}
