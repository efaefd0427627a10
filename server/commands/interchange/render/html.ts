export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * A self-contained, print-ready page (an appendix of a thesis or paper): no scripts, no external
 * resources, A4 landscape margins, table headers repeated on each printed page, rows kept whole.
 */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 landscape; margin: 16mm; }
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 10.5pt; color: #111; margin: 2em; line-height: 1.35; }
  h1 { font-size: 16pt; margin: 0 0 .3em; } h2 { font-size: 13pt; margin: 1.4em 0 .4em; } h3 { font-size: 11pt; margin: 1em 0 .3em; }
  table { border-collapse: collapse; width: 100%; margin: .6em 0 1.2em; }
  th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  th { background: #eee; }
  td.num { text-align: right; white-space: nowrap; }
  .level-1 td.theme { font-weight: bold; } .short { color: #a00; }
  .muted { color: #555; } blockquote { margin: .3em 0 .3em 1.2em; font-style: italic; }
  @media print { body { margin: 0; } a { color: inherit; text-decoration: none; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
