import { codePointIndex } from './codePointIndex';
import type { ExportCode, ExportProject, ExportSelection, ExportSource } from './exportModel';
import { type XmlElement, el, serializeXml, textEl } from './xmlWriter';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
/** The schema location real exports carry (SOURCES.md). */
export const PROJECT_SCHEMA_LOCATION = 'http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd';

export interface WriteProjectOptions {
  /**
   * Where each source's text goes: `inline` as PlainTextContent (a standalone .qde), or a
   * plainTextPath `internal://<guid>.txt` whose file the .qdpx carries in `sources/`.
   */
  readonly text: 'inline' | 'path';
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export function codeElement(c: ExportCode): XmlElement {
  return el('Code', { guid: c.guid, name: c.name, isCodable: c.isCodable, color: c.color ?? undefined }, [
    ...(c.description ? [textEl('Description', c.description)] : []),
    ...(c.noteGuids ?? []).map((g) => el('NoteRef', { targetGUID: g })),
    ...c.children.map(codeElement),
  ]);
}

/** The plain-text file name of a source inside a .qdpx (lowercase `sources/`, as the standard spells it). */
export function sourceFileName(source: Pick<ExportSource, 'guid'>): string {
  return `${source.guid}.txt`;
}

function selectionElement(sel: ExportSelection, cp: Int32Array): XmlElement {
  // REFI-QDA positions count code points (QualCoder's and MAXQDA's reading); 0-based, end-exclusive.
  return el(
    'PlainTextSelection',
    { guid: sel.guid, startPosition: cp[sel.start] ?? 0, endPosition: cp[sel.end] ?? 0, creatingUser: sel.userGuid, creationDateTime: iso(sel.createdAt), modifyingUser: sel.modified?.userGuid, modifiedDateTime: iso(sel.modified?.at) },
    [
      // An empty memo is written only when the file had one (carried): Concord writes no empty Description.
      ...(sel.memo !== undefined ? [textEl('Description', sel.memo)] : []),
      ...sel.codings.map((c) => el('Coding', { guid: c.guid, creatingUser: c.userGuid, creationDateTime: iso(c.createdAt) }, [el('CodeRef', { targetGUID: c.codeGuid })])),
      ...sel.noteGuids.map((g) => el('NoteRef', { targetGUID: g })),
    ],
  );
}

function sourceElement(s: ExportSource, options: WriteProjectOptions): XmlElement {
  const cp = codePointIndex(s.text);
  // Selections carry their quote as `name`: importers (ours included) use it to detect how
  // positions were counted, and a reader sees the quote without the text.
  const selections = s.selections.map((sel) => {
    const e = selectionElement(sel, cp);
    return { ...e, attrs: { guid: sel.guid, name: sel.name ?? quoteName(s.text.slice(sel.start, sel.end)), ...e.attrs } };
  });
  return el(
    'TextSource',
    { guid: s.guid, name: s.name, plainTextPath: options.text === 'path' ? `internal://${sourceFileName(s)}` : undefined, creatingUser: s.userGuid, creationDateTime: iso(s.createdAt), modifyingUser: s.modified?.userGuid, modifiedDateTime: iso(s.modified?.at) },
    [
      ...(s.description !== undefined ? [textEl('Description', s.description)] : []),
      ...(options.text === 'inline' ? [textEl('PlainTextContent', s.text)] : []),
      ...selections,
      ...(s.noteGuids ?? []).map((g) => el('NoteRef', { targetGUID: g })),
      ...raw('VariableValue', s.variableValues),
    ],
  );
}

/**
 * Selection names hold the quote, in full: a name cut short would no longer be the text it
 * covers (importers, ours included, compare the two to learn how a tool counted positions).
 */
function quoteName(quote: string): string {
  return quote.replace(/\s+/g, ' ').trim();
}

/** Elements carried from the imported file as it wrote them. */
function raw(name: string, xml: readonly string[] | undefined): XmlElement[] {
  return (xml ?? []).map((r) => ({ name, raw: r }));
}

/** A section carried from the imported file, at its place in Project.xsd's sequence. */
function carriedSection(p: ExportProject, name: 'Variables' | 'Sets' | 'Graphs'): XmlElement[] {
  const raw = p.carriedSections?.[name];
  return raw ? [{ name, raw }] : [];
}

/** Serialises a project as project.qde (QDA-XML 1.0, Project.xsd). Empty sections are left out, as the schema requires. */
export function writeProject(p: ExportProject, options: WriteProjectOptions): string {
  const section = (name: string, children: XmlElement[]): XmlElement[] => (children.length ? [el(name, {}, children)] : []);
  const root = el(
    'Project',
    {
      xmlns: PROJECT_NAMESPACE,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': `${PROJECT_NAMESPACE} ${PROJECT_SCHEMA_LOCATION}`,
      name: p.name,
      origin: p.origin,
      creatingUserGUID: p.userGuid,
      creationDateTime: iso(p.createdAt),
      modifyingUserGUID: p.modified?.userGuid,
      modifiedDateTime: iso(p.modified?.at),
    },
    [
      ...section('Users', p.users.map((u) => el('User', { guid: u.guid, name: u.name }))),
      ...(p.codes.length ? [el('CodeBook', {}, [el('Codes', {}, p.codes.map(codeElement))])] : []),
      ...carriedSection(p, 'Variables'),
      ...section(
        'Cases',
        p.cases.map((c) => el('Case', { guid: c.guid, name: c.name }, [...(c.description ? [textEl('Description', c.description)] : []), ...raw('VariableValue', c.variableValues), ...c.sourceGuids.map((g) => el('SourceRef', { targetGUID: g }))])),
      ),
      ...section('Sources', p.sources.map((s) => sourceElement(s, options))),
      ...section('Notes', p.notes.map((n) => el('Note', { guid: n.guid, name: n.name, creatingUser: n.userGuid, creationDateTime: iso(n.createdAt) }, [textEl('PlainTextContent', n.text)]))),
      ...section('Links', [...p.links.map((l) => el('Link', { guid: l.guid, name: l.name, direction: 'OneWay', originGUID: l.originGuid, targetGUID: l.targetGuid })), ...raw('Link', p.carriedLinks)]),
      ...carriedSection(p, 'Sets'),
      ...carriedSection(p, 'Graphs'),
      ...(p.description ? [textEl('Description', p.description)] : []),
      ...(p.noteGuids ?? []).map((g) => el('NoteRef', { targetGUID: g })),
    ],
  );
  return serializeXml(root);
}
