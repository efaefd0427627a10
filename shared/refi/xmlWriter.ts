/**
 * A minimal XML serialiser for the REFI-QDA writers. Escaping follows XML 1.0: characters the
 * spec forbids (the C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF) cannot be
 * written at all, not even as character references (sections 2.2 and 4.1, "Well-formedness
 * constraint: Legal Character"; only XML 1.1 allows `&#1;`, and REFI-QDA is XML 1.0), so each
 * becomes U+FFFD, one for one: an inline text keeps its length, and every position after it still
 * points at the same character (docs/interchange.md, "Characters XML cannot carry"); in attributes, tab, newline and carriage return are written as
 * character references, or attribute-value normalisation would turn them into spaces on reading
 * (section 3.3.3); in text, `\r` is escaped so that end-of-line handling keeps it (section 2.11).
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(s: string): string {
  return s.replace(FORBIDDEN, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** An element: attributes whose value is undefined are left out; `text` is written verbatim (escaped). */
export interface XmlElement {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly children?: readonly XmlElement[];
  readonly text?: string;
  /** Well-formed XML written as it is (a section carried from an imported file). */
  readonly raw?: string;
}

export function el(name: string, attrs: XmlElement['attrs'] = {}, children: readonly XmlElement[] = []): XmlElement {
  return { name, attrs, children };
}

export function textEl(name: string, text: string, attrs: XmlElement['attrs'] = {}): XmlElement {
  return { name, attrs, text };
}

/**
 * Serialises with two-space indentation between elements only: text content is never indented,
 * because whitespace inside PlainTextContent is part of the transcript and moves every offset.
 */
export function serializeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  const write = (e: XmlElement, depth: number): void => {
    const pad = '  '.repeat(depth);
    const attrs = Object.entries(e.attrs ?? {})
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
      .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
      .join('');
    const kids = e.children ?? [];
    if (e.raw !== undefined) out.push(`${pad}${e.raw}\n`);
    else if (e.text !== undefined) out.push(`${pad}<${e.name}${attrs}>${escapeXmlText(e.text)}</${e.name}>\n`);
    else if (kids.length === 0) out.push(`${pad}<${e.name}${attrs}/>\n`);
    else {
      out.push(`${pad}<${e.name}${attrs}>\n`);
      for (const k of kids) write(k, depth + 1);
      out.push(`${pad}</${e.name}>\n`);
    }
  };
  write(root, 0);
  return out.join('');
}
