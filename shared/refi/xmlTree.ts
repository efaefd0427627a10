import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { normalizeGuid } from './guid';
import { RefiError, assertNoEntityDeclarations, decodeXmlText } from './xmlText';

/** A parsed element: attributes by name (prefix-free), children by element name. */
export type XmlNode = Record<string, unknown>;

/**
 * Parses REFI-QDA XML into plain objects. Entities: declarations are refused before parsing and
 * the parser never expands any (xmlText.ts); namespace prefixes are dropped, so `qda:Code` and
 * `Code` read alike whatever prefix an exporter chose. A leading BOM is dropped (files read as
 * strings keep it; the parser would take it for content before the root).
 */
export function parseXml(xml: string, repeated: ReadonlySet<string>): XmlNode {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  assertNoEntityDeclarations(text);
  // The parser itself is lenient (an unclosed element parses); a truncated download must be
  // refused, not imported as a project with half its sources.
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new RefiError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    isArray: (name) => repeated.has(name),
  });
  try {
    return parser.parse(text) as XmlNode;
  } catch (error) {
    throw new RefiError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function attr(node: XmlNode, name: string): string | null {
  const v = node[name];
  return typeof v === 'string' ? decodeXmlText(v) : null;
}

/** A GUID-valued attribute in canonical form, so `{ABC...}` and `abc...` refer to the same thing. */
export function guidAttr(node: XmlNode, name: string): string | null {
  const v = attr(node, name);
  return v === null ? null : (normalizeGuid(v) ?? v.trim());
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'object' && x !== null ? (x as XmlNode) : { '#text': typeof x === 'string' ? x : '' }));
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

export function textOf(v: unknown): string | null {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'string') return decodeXmlText(v);
  if (typeof v === 'object' && v !== null) {
    const t = (v as XmlNode)['#text'];
    return typeof t === 'string' ? decodeXmlText(t) : '';
  }
  return null;
}

/**
 * The namespace URI of the root element, or null (read from the text: the parser drops it). That
 * is the default namespace (`xmlns="..."`), or the one bound to the root's own prefix
 * (`<qda:Project xmlns:qda="...">`); other declarations on the root, such as the standard
 * `xmlns:xsi` every schema-aware exporter writes, say nothing about the root's namespace.
 */
export function rootNamespace(xml: string, rootName: string): string | null {
  const tag = new RegExp(`<(?:([A-Za-z_][\\w.-]*):)?${rootName}(?=[\\s/>])([^>]*)>`).exec(xml);
  if (!tag) return null;
  const prefix = tag[1];
  const declarations = (tag[2] ?? '').matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2/g);
  for (const d of declarations) if (d[1] === prefix) return decodeXmlText(d[3] ?? '');
  return null;
}

/** xsd:dateTime to milliseconds, or null when absent or unreadable. */
export function timeAttr(node: XmlNode, name: string): number | null {
  const v = attr(node, name);
  if (v === null) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}
