import type { ExportFile } from '../commands/interchange/render/exportFile';

/**
 * Every file the HTTP door hands out goes through here, with the same headers: an attachment
 * (never rendered in the page, so an HTML export cannot run in our origin), its declared type
 * and no sniffing, no caching of participants' words. The name comes from fileStem
 * (shared/fileName.ts): letters, digits and dashes only, so no header can be injected.
 */
export function download(file: ExportFile): Response {
  return new Response(typeof file.body === 'string' ? file.body : Buffer.from(file.body), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
