import { XMLParser } from 'fast-xml-parser';
import { CONVENTIONS, nameMatches, positionTable, toUtf16 } from './offsets';
import type { OffsetConvention, RefiCode, RefiCoding, RefiProject, RefiTextSource, RefiUser } from './project';
import { RefiError, assertNoEntityDeclarations, decodeXmlText } from './xmlText';

/**
 * Namespaces seen in real exports (SOURCES.md): urn:QDA-XML:project:1.0 (MAXQDA, NVivo, QualCoder,
 * Taguette), variants such as urn:QDA-XML:project:1:0, and the schema URL. Anything else is read
 * with a warning rather than refused: the element names are what we depend on.
 */
const KNOWN_NAMESPACE = /^(urn:QDA-XML:project:\d+[.:]\d+|https?:\/\/schema\.qdasoftware\.org\/versions\/Project\/)/i;

const REPEATED = new Set(['User', 'Code', 'TextSource', 'PlainTextSelection', 'Coding']);

export interface ParseOptions {
  /** Resolves a TextSource's plainTextPath (`internal://x.txt` -> the qdpx entry `sources/x.txt`). */
  readonly readSource?: (path: string) => string | undefined;
}

type Node = Record<string, unknown>;

function attr(node: Node, name: string): string | null {
  const v = node[name];
  return typeof v === 'string' ? decodeXmlText(v) : null;
}

function children(node: Node | undefined, name: string): Node[] {
  const v = node?.[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is Node => typeof x === 'object' && x !== null);
}

function child(node: Node | undefined, name: string): Node | undefined {
  return children(node, name)[0];
}

function textOf(v: unknown): string | null {
  if (typeof v === 'string') return decodeXmlText(v);
  if (typeof v === 'object' && v !== null && typeof (v as Node)['#text'] === 'string') return decodeXmlText((v as Node)['#text'] as string);
  return null;
}

interface RawSelection {
  guid: string;
  name: string | null;
  start: number;
  end: number;
  user: string | null;
  codings: { code: string; user: string | null }[];
}

/** Parses project.qde text. Throws RefiError on input that is not a REFI-QDA project. */
export function parseProject(xml: string, options: ParseOptions = {}): RefiProject {
  assertNoEntityDeclarations(xml);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    throw new RefiError(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const project = doc.Project;
  if (typeof project !== 'object' || project === null) throw new RefiError('no <Project> root element: not a REFI-QDA project (.qde)');
  const root = project as Node;
  const warnings: string[] = [];
  const namespace = /<(?:[A-Za-z_][\w.-]*:)?Project\b[^>]*?\sxmlns(?::[\w.-]+)?\s*=\s*["']([^"']*)["']/.exec(xml)?.[1] ?? null;
  if (namespace === null) warnings.push('the Project element has no namespace');
  else if (!KNOWN_NAMESPACE.test(namespace)) warnings.push(`unknown namespace ${namespace}; reading it as QDA-XML 1.0`);

  const users: RefiUser[] = children(child(root, 'Users'), 'User').map((u) => ({ guid: attr(u, 'guid') ?? '', name: attr(u, 'name') ?? attr(u, 'guid') ?? '' }));
  const codes: RefiCode[] = [];
  const walk = (nodes: Node[], parentGuid: string | null): void => {
    for (const c of nodes) {
      const guid = attr(c, 'guid');
      if (!guid) continue;
      codes.push({ guid, name: attr(c, 'name') ?? guid, parentGuid });
      walk(children(c, 'Code'), guid);
    }
  };
  walk(children(child(child(root, 'CodeBook'), 'Codes'), 'Code'), null);
  const fallbackUser = attr(root, 'creatingUserGUID');

  const rawSources: { guid: string; name: string; text: string; selections: RawSelection[] }[] = [];
  for (const s of children(child(root, 'Sources'), 'TextSource')) {
    const guid = attr(s, 'guid') ?? '';
    const name = attr(s, 'name') ?? guid;
    let text = textOf(s.PlainTextContent);
    const path = attr(s, 'plainTextPath');
    if (text === null && path !== null) text = options.readSource?.(path) ?? null;
    if (text === null) {
      warnings.push(`text source ${name} has no readable plain text; skipped`);
      continue;
    }
    const selections: RawSelection[] = [];
    for (const sel of children(s, 'PlainTextSelection')) {
      const start = Number(attr(sel, 'startPosition'));
      const end = Number(attr(sel, 'endPosition'));
      const codings = children(sel, 'Coding').flatMap((c) => {
        const code = attr(child(c, 'CodeRef') ?? {}, 'targetGUID');
        return code ? [{ code, user: attr(c, 'creatingUser') }] : [];
      });
      selections.push({ guid: attr(sel, 'guid') ?? '', name: attr(sel, 'name'), start, end, user: attr(sel, 'creatingUser'), codings });
    }
    rawSources.push({ guid, name, text, selections });
  }

  const { convention, matched, named } = detectConvention(rawSources);
  const sources: RefiTextSource[] = rawSources.map((s) => {
    const table = positionTable(s.text, convention);
    const codings: RefiCoding[] = [];
    for (const sel of s.selections) {
      const span = toUtf16(table, sel.start, sel.end, convention);
      if (!span) {
        warnings.push(`selection ${sel.guid} in ${s.name} lies outside the text; skipped`);
        continue;
      }
      for (const c of sel.codings) {
        const userGuid = c.user ?? sel.user ?? fallbackUser;
        if (!userGuid) continue;
        codings.push({ selectionGuid: sel.guid, codeGuid: c.code, userGuid, start: span.start, end: span.end });
      }
    }
    return { guid: s.guid, name: s.name, text: s.text, codings };
  });
  return { name: attr(root, 'name') ?? '', origin: attr(root, 'origin'), namespace, users, codes, sources, convention, conventionEvidence: { matched, named }, warnings };
}

/** The convention under which most named selections select their own name (ties: the earlier, more common one). */
function detectConvention(sources: readonly { text: string; selections: readonly RawSelection[] }[]): { convention: OffsetConvention; matched: number; named: number } {
  const scores = CONVENTIONS.map(() => 0);
  let named = 0;
  for (const s of sources) {
    const tables = new Map<string, Int32Array>();
    for (const sel of s.selections) {
      if (!sel.name) continue;
      named++;
      CONVENTIONS.forEach((c, i) => {
        const id = `${c.unit}/${c.crlf}`;
        let table = tables.get(id);
        if (!table) {
          table = positionTable(s.text, c);
          tables.set(id, table);
        }
        const span = toUtf16(table, sel.start, sel.end, c);
        if (span && nameMatches(sel.name ?? '', s.text.slice(span.start, span.end))) scores[i] = (scores[i] ?? 0) + 1;
      });
    }
  }
  let best = 0;
  scores.forEach((score, i) => {
    if (score > (scores[best] ?? 0)) best = i;
  });
  return { convention: CONVENTIONS[best] as OffsetConvention, matched: scores[best] ?? 0, named };
}
