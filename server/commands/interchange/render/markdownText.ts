/**
 * User text (theme labels, quotes, comments, rationales) as inline Markdown on one line.
 * Markdown passes raw HTML through, and most viewers (GitHub, GitLab, editors' previews, static
 * site generators) render it: a theme label `<script>...` or `<img onerror=...>` would run in
 * whoever opens the export. `<` and `&` become entities, which every renderer shows as the
 * characters themselves, as the HTML and DOCX exports already do (issue 14 item 12). Without a
 * `<` no tag, comment or autolink can start; `>` stays as it is, so `a -> b` reads as written.
 */
export function markdownText(text: string): string {
  return text
    .replace(/[&<]/g, (c) => (c === '&' ? '&amp;' : '&lt;'))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same, inside a table cell: a `|` would end the cell. */
export function markdownCell(text: string): string {
  return markdownText(text).replace(/\|/g, '\\|');
}
