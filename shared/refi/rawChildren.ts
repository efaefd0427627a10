import { normalizeGuid } from './guid';

const START_TAG = (element: string) => new RegExp(`<${element}((?:\\s+[\\w:.-]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, 'g');
const GUID_ATTR = /\sguid\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * The raw XML of every `child` element directly inside each unprefixed `element` of a project
 * text, by the element's GUID: the VariableValues of TextSources and Cases, which Concord does
 * not model and writes back as the file had them (issue 17 item 2). `element` does not nest in
 * itself (TextSource, Case), and `child` holds no element of its own name (VariableValue), so
 * the first closing tag ends each. Text content is escaped in XML, so markup found between the
 * tags is markup.
 */
export function rawChildrenByGuid(xml: string, element: string, child: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const childRe = new RegExp(`<${child}(?=[\\s/>])(?:[^>]*/>|[^]*?</${child}>)`, 'g');
  for (const m of xml.matchAll(START_TAG(element))) {
    if (m[2] === '/') continue;
    const guidMatch = GUID_ATTR.exec(m[1] ?? '');
    const guid = normalizeGuid(guidMatch?.[1] ?? guidMatch?.[2] ?? '');
    const from = m.index + m[0].length;
    const close = xml.indexOf(`</${element}>`, from);
    if (!guid || close < 0) continue;
    const found = [...xml.slice(from, close).matchAll(childRe)].map((x) => x[0]);
    if (found.length) out.set(guid, found);
  }
  return out;
}

/**
 * Each `child` element of the top-level `section` (e.g. every Link of Links) as the file wrote
 * it, with its GUID: the last `<section>` of the text is the top-level one (Project.xsd's
 * sequence puts Links after Sources and Notes). Unprefixed elements only.
 */
export function rawSectionElements(xml: string, section: string, child: string): { guid: string | null; raw: string }[] {
  const open = xml.lastIndexOf(`<${section}>`);
  const close = open < 0 ? -1 : xml.indexOf(`</${section}>`, open);
  if (close < 0) return [];
  const childRe = new RegExp(`<${child}(?=[\\s/>])(?:[^>]*/>|[^]*?</${child}>)`, 'g');
  return [...xml.slice(open, close).matchAll(childRe)].map((m) => {
    const g = GUID_ATTR.exec(/^<[^>]*>/.exec(m[0])?.[0] ?? '');
    return { guid: normalizeGuid(g?.[1] ?? g?.[2] ?? ''), raw: m[0] };
  });
}
