/**
 * The one file-name sanitiser: a stem from a title (a study's, a pseudonym) with letters, digits
 * and dashes only, lower case, at most 60 characters: never a path, never a quote or a line
 * break that could end a Content-Disposition header, readable on every file system.
 */
export function fileStem(title: string, fallback = 'export'): string {
  const stem = title.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).toLowerCase();
  return stem || fallback;
}
