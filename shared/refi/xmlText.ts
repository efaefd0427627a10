/**
 * Entity handling for REFI-QDA XML. The parser runs with entity processing off, so a document's
 * own <!ENTITY> declarations are never expanded (the "billion laughs" XML bomb). What remains is
 * the fixed set every XML document may use: the five predefined entities and character references
 * (XML 1.0, sections 4.1 and 4.6), decoded here without any expansion.
 */
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9._-]*);/g, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#')) {
      const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

/**
 * Thrown for input that is not a REFI-QDA project this reader accepts. `reason` tells a refusal
 * for size (the file may be fine, only too big for this server) from a file that is wrong.
 */
export class RefiError extends Error {
  override name = 'RefiError';
  constructor(
    message: string,
    readonly reason: 'invalid' | 'too_large' = 'invalid',
  ) {
    super(message);
  }
}

/**
 * Refuses documents that declare entities. REFI exports never do; a document that does is either
 * hostile (entity expansion bombs, external entities) or not an export.
 */
export function assertNoEntityDeclarations(xml: string): void {
  const root = xml.search(/<[A-Za-z_]/);
  const prolog = root < 0 ? xml : xml.slice(0, root);
  if (/<!ENTITY/i.test(prolog) || /<!DOCTYPE[^>]*\[/i.test(prolog)) {
    throw new RefiError('the XML declares entities (a DOCTYPE internal subset); REFI-QDA projects never do, refusing to read it');
  }
}
