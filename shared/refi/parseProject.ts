import { detectConvention, type RawSelection } from './detectConvention';
import { positionTable, toUtf16 } from './offsets';
import type { Modified, RefiCase, RefiCode, RefiCoding, RefiLink, RefiNote, RefiProject, RefiSelection, RefiSkippedSource, RefiTextSource, RefiUser } from './project';
import { type XmlNode, attr, child, children, guidAttr, parseXml, rootNamespace, textOf, timeAttr } from './xmlTree';
import { RefiError } from './xmlText';
import { elementLabel, inFile } from './where';
import { readCarriedSections } from './carriedSections';
import { rawChildrenByGuid, rawSectionElements } from './rawChildren';

/**
 * Namespaces seen in real exports (SOURCES.md): urn:QDA-XML:project:1.0 (MAXQDA, NVivo, QualCoder,
 * Taguette), variants such as urn:QDA-XML:project:1:0, and the schema URL. Anything else is read
 * with a warning rather than refused: the element names are what we depend on.
 */
const KNOWN_NAMESPACE = /^(urn:QDA-XML:project:\d+[.:]\d+|https?:\/\/schema\.qdasoftware\.org\/versions\/Project\/)/i;

const REPEATED = new Set(['User', 'Code', 'TextSource', 'PDFSource', 'PictureSource', 'AudioSource', 'VideoSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Note', 'Case', 'SourceRef', 'Link']);
const OTHER_SOURCES = ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'] as const;

export interface ParseOptions {
  /** Resolves a TextSource's plainTextPath (`internal://x.txt` -> the qdpx entry `sources/x.txt`). */
  readonly readSource?: (path: string) => string | undefined;
  /** The file as its user knows it (e.g. `study.qdpx (project.qde)`), named in every warning and error. */
  readonly file?: string;
}

interface RawSource {
  description: string | null;
  noteGuids: string[];
  modified: Modified;
  guid: string;
  name: string;
  text: string;
  userGuid: string | null;
  createdAt: number | null;
  selections: RawSelection[];
}

/**
 * XML parsers turn every CRLF (and lone CR) in content into LF (XML 1.0, section 2.11), but a
 * Windows tool that wrote its text inline counted its positions on the text with CRLF. Written
 * as character references, the CRs survive parsing, and convention detection then decides
 * whether the tool counted CRLF as one character or two.
 */
function keepCarriageReturns(xml: string): string {
  if (!xml.includes('\r')) return xml;
  return xml.replace(/(<(?:[\w.-]+:)?PlainTextContent(?:\s[^>]*)?>)([^<]*)/g, (_, open: string, text: string) => open + text.replace(/\r/g, '&#13;'));
}

/** Parses project.qde text. Throws RefiError on input that is not a REFI-QDA project. */
export function parseProject(xml: string, options: ParseOptions = {}): RefiProject {
  const file = options.file;
  let doc: XmlNode;
  try {
    doc = parseXml(keepCarriageReturns(xml), REPEATED);
  } catch (e) {
    throw e instanceof RefiError ? new RefiError(inFile(file, e.message), e.reason) : e;
  }
  const project = doc.Project;
  if (typeof project !== 'object' || project === null || Array.isArray(project)) throw new RefiError(inFile(file, 'no <Project> root element: not a REFI-QDA project (.qde)'));
  const root = project as XmlNode;
  const warnings: string[] = [];
  const warn = (element: string, message: string) => warnings.push(inFile(file, `${element}: ${message}`));
  const namespace = rootNamespace(xml, 'Project');
  if (namespace === null) warn('<Project>', 'no namespace declared; reading it as QDA-XML 1.0');
  else if (!KNOWN_NAMESPACE.test(namespace)) warn(elementLabel('Project', { xmlns: namespace }), `unknown namespace ${namespace}; reading it as QDA-XML 1.0`);

  const users: RefiUser[] = children(child(root, 'Users'), 'User').flatMap((u) => {
    const guid = guidAttr(u, 'guid');
    return guid ? [{ guid, name: attr(u, 'name')?.trim() || guid }] : [];
  });
  const codes = readCodes(children(child(child(root, 'CodeBook'), 'Codes'), 'Code'));
  const fallbackUser = guidAttr(root, 'creatingUserGUID');
  const sourcesNode = child(root, 'Sources');

  const skippedSources: RefiSkippedSource[] = OTHER_SOURCES.flatMap((kind) =>
    children(sourcesNode, kind).map((s) => ({ guid: guidAttr(s, 'guid') ?? '', name: attr(s, 'name') ?? attr(s, 'guid') ?? kind, kind, reason: `${kind.replace('Source', '')} sources are not transcripts` })),
  );
  const rawSources: RawSource[] = [];
  for (const s of children(sourcesNode, 'TextSource')) {
    const guid = guidAttr(s, 'guid') ?? '';
    const name = attr(s, 'name') ?? guid;
    let text = textOf(s.PlainTextContent);
    const path = attr(s, 'plainTextPath');
    if (text === null && path !== null) text = options.readSource?.(path) ?? null;
    const where = elementLabel('TextSource', { name, guid });
    if (text === null) {
      warn(where, 'no readable plain text; skipped');
      skippedSources.push({ guid, name, kind: 'TextSource', reason: path ? `its text file ${path} is missing or not plain text` : 'it has no plain text' });
      continue;
    }
    if (children(s, 'Coding').length) warn(where, `${children(s, 'Coding').length} <Coding> elements of the whole source (no selection) skipped`);
    rawSources.push({ description: textOf(s.Description), noteGuids: children(s, 'NoteRef').flatMap((r) => guidAttr(r, 'targetGUID') ?? []), modified: modifiedOf(s, 'modifyingUser'), guid, name, text, userGuid: guidAttr(s, 'creatingUser'), createdAt: timeAttr(s, 'creationDateTime'), selections: children(s, 'PlainTextSelection').map(readSelection) });
  }

  const { convention, matched, named } = detectConvention(rawSources);
  const sourceValues = rawChildrenByGuid(xml, 'TextSource', 'VariableValue');
  const caseValues = rawChildrenByGuid(xml, 'Case', 'VariableValue');
  const skippedSelections: RefiProject['skippedSelections'][number][] = [];
  const sources: RefiTextSource[] = rawSources.map((s) => {
    const table = positionTable(s.text, convention);
    const selections: RefiSelection[] = [];
    const codings: RefiCoding[] = [];
    for (const sel of s.selections) {
      const span = Number.isFinite(sel.start) && Number.isFinite(sel.end) ? toUtf16(table, sel.start, sel.end, convention) : null;
      if (!span) {
        warn(`${elementLabel('PlainTextSelection', { guid: sel.guid, startPosition: sel.start, endPosition: sel.end })} in ${elementLabel('TextSource', { name: s.name })}`, 'lies outside the text; skipped');
        skippedSelections.push({ guid: sel.guid, name: sel.name, source: s.name, start: sel.start, end: sel.end });
        continue;
      }
      const userGuid = sel.user ?? fallbackUser;
      selections.push({ guid: sel.guid, name: sel.name, start: span.start, end: span.end, userGuid, createdAt: sel.createdAt, memo: sel.memo, codings: sel.codings, noteGuids: sel.noteGuids, ...(sel.modified ? { modified: sel.modified } : {}) });
      for (const c of sel.codings) {
        const user = c.userGuid ?? userGuid;
        if (!user) continue;
        codings.push({ selectionGuid: sel.guid, codeGuid: c.codeGuid, userGuid: user, start: span.start, end: span.end });
      }
    }
    const variableValues = sourceValues.get(s.guid);
    return { guid: s.guid, name: s.name, text: s.text, userGuid: s.userGuid ?? fallbackUser, createdAt: s.createdAt, codings, selections, description: s.description, noteGuids: s.noteGuids, modified: s.modified, ...(variableValues ? { variableValues } : {}) };
  });

  const notes: RefiNote[] = children(child(root, 'Notes'), 'Note').flatMap((n) => {
    const guid = guidAttr(n, 'guid');
    const text = textOf(n.PlainTextContent) ?? (attr(n, 'plainTextPath') !== null ? (options.readSource?.(attr(n, 'plainTextPath') ?? '') ?? null) : null);
    if (!guid) return [];
    return [{ guid, name: attr(n, 'name') ?? '', text: text ?? '', userGuid: guidAttr(n, 'creatingUser') ?? fallbackUser, createdAt: timeAttr(n, 'creationDateTime') }];
  });
  const cases: RefiCase[] = children(child(root, 'Cases'), 'Case').flatMap((c) => {
    const guid = guidAttr(c, 'guid');
    if (!guid) return [];
    const sourceGuids = children(c, 'SourceRef').flatMap((r) => guidAttr(r, 'targetGUID') ?? []);
    const variableValues = caseValues.get(guid);
    return [{ guid, name: attr(c, 'name')?.trim() || guid, description: textOf(c.Description) ?? '', sourceGuids, ...(variableValues ? { variableValues } : {}) }];
  });
  const links: RefiLink[] = children(child(root, 'Links'), 'Link').map((l) => ({ guid: guidAttr(l, 'guid') ?? '', name: attr(l, 'name') ?? '', originGuid: guidAttr(l, 'originGUID'), targetGuid: guidAttr(l, 'targetGUID') }));

  const description = textOf(root.Description);
  const noteGuids = children(root, 'NoteRef').flatMap((r) => guidAttr(r, 'targetGUID') ?? []);
  const dropped: { element: string; reason: string }[] = [];
  if (attr(root, 'basePath') !== null) dropped.push({ element: '<Project basePath>', reason: "the exporting machine's folder for external sources, which Concord does not import" });
  if (children(child(root, 'Users'), 'User').some((u) => attr(u, 'id') !== null)) dropped.push({ element: '<User id>', reason: "Concord keeps a user's GUID and name" });
  if (children(child(root, 'Cases'), 'Case').some((c) => c.CodeRef !== undefined || c.SelectionRef !== undefined)) dropped.push({ element: '<Case> CodeRef, SelectionRef', reason: 'a Case becomes a participant with its transcripts; codes and selections of a case are not kept' });
  if (children(sourcesNode, 'TextSource').some((s) => attr(s, 'richTextPath') !== null)) dropped.push({ element: '<TextSource richTextPath>', reason: 'the rich-text copy of a source is not kept: its plain text is the transcript' });
  return { linkXml: rawSectionElements(xml, 'Links', 'Link'), sections: readCarriedSections(xml), description, noteGuids, modified: modifiedOf(root, 'modifyingUserGUID'), dropped, file, creatingUserGuid: fallbackUser, createdAt: timeAttr(root, 'creationDateTime'), name: attr(root, 'name') ?? '', origin: attr(root, 'origin'), namespace, users, codes, sources, cases, notes, links, skippedSources, skippedSelections, convention, conventionEvidence: { matched, named }, warnings };
}

/** Codes depth-first, parents before children, as nested in the CodeBook. */
export function readCodes(nodes: readonly XmlNode[]): RefiCode[] {
  const codes: RefiCode[] = [];
  const walk = (list: readonly XmlNode[], parentGuid: string | null): void => {
    for (const c of list) {
      const guid = guidAttr(c, 'guid');
      if (!guid) continue;
      const color = attr(c, 'color');
      codes.push({
        guid,
        name: attr(c, 'name') ?? guid,
        parentGuid,
        color: color && /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.test(color.trim()) ? color.trim() : null,
        description: textOf(c.Description) ?? '',
        isCodable: attr(c, 'isCodable')?.trim() !== 'false' && attr(c, 'isCodable')?.trim() !== '0',
        noteGuids: children(c, 'NoteRef').flatMap((r) => guidAttr(r, 'targetGUID') ?? []),
      });
      walk(children(c, 'Code'), guid);
    }
  };
  walk(nodes, null);
  return codes;
}

/** An element's modifying user (attribute `userAttr`: the Project says modifyingUserGUID) and time. */
function modifiedOf(node: XmlNode, userAttr: string): Modified {
  return { userGuid: guidAttr(node, userAttr), at: timeAttr(node, 'modifiedDateTime') };
}

function readSelection(sel: XmlNode): RawSelection {
  return {
    guid: guidAttr(sel, 'guid') ?? '',
    name: attr(sel, 'name'),
    start: Number(attr(sel, 'startPosition')),
    end: Number(attr(sel, 'endPosition')),
    user: guidAttr(sel, 'creatingUser'),
    createdAt: timeAttr(sel, 'creationDateTime'),
    memo: textOf(sel.Description),
    codings: children(sel, 'Coding').flatMap((c) => {
      const code = guidAttr(child(c, 'CodeRef') ?? {}, 'targetGUID');
      return code ? [{ guid: guidAttr(c, 'guid'), codeGuid: code, userGuid: guidAttr(c, 'creatingUser'), createdAt: timeAttr(c, 'creationDateTime') }] : [];
    }),
    noteGuids: children(sel, 'NoteRef').flatMap((r) => guidAttr(r, 'targetGUID') ?? []),
    modified: modifiedOf(sel, 'modifyingUser'),
  };
}
