import type { RefiCode, RefiProject } from '../../shared/refi';

/** Line ends as Concord stores text (docs/interchange.md, "Transcript text and line numbers"). */
const lf = (text: string) => text.replace(/\r\n?/g, '\n');

/** The XML of a top-level section as the file wrote it (Sets, Variables, Graphs). */
export const sectionXml = (xml: string, name: string) => new RegExp(`<${name}[\\s>][^]*</${name}>`).exec(xml)?.[0] ?? null;

/**
 * Compares a project with what a round trip through Concord gave back, part by part (issue 17
 * item 4), and names each kind of difference found once. A real file's test asserts this list is
 * exactly the one docs/interchange.md gives for that file, so a new loss fails the test.
 */
export function roundTripDifferences(before: RefiProject, after: RefiProject, xml: { before: string; after: string }): string[] {
  const found = new Set<string>();
  const differ = (label: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) found.add(label);
  };
  differ('users', before.users, after.users);

  const codeOf = new Map(after.codes.map((c) => [c.guid, c]));
  for (const c of before.codes) {
    const d = codeOf.get(c.guid);
    if (!d) {
      found.add('codes: missing');
      continue;
    }
    const keys: (keyof RefiCode)[] = ['name', 'parentGuid', 'color', 'description', 'isCodable'];
    for (const k of keys) if (c[k] !== d[k]) found.add(`codes: ${k}`);
  }
  if (after.codes.length !== before.codes.length) found.add('codes: count');

  const sourceOf = new Map(after.sources.map((s) => [s.guid, s]));
  for (const s of before.sources) {
    const t = sourceOf.get(s.guid);
    if (!t) {
      found.add('sources: missing');
      continue;
    }
    if (t.name !== s.name) found.add('sources: name');
    if (t.userGuid !== s.userGuid || t.createdAt !== s.createdAt) found.add('sources: creator');
    differ('sources: modifier', s.modified, t.modified);
    differ('sources: Description', s.description, t.description);
    differ('sources: NoteRefs', s.noteGuids, t.noteGuids);
    differ('sources: VariableValues', s.variableValues, t.variableValues);
    if (t.text !== s.text) found.add(lf(s.text) === t.text ? 'sources: CRLF became LF' : 'sources: text');
    const selOf = new Map(t.selections.map((x) => [x.guid, x]));
    for (const sel of s.selections) {
      const back = selOf.get(sel.guid);
      if (!back) {
        found.add('selections: missing');
        continue;
      }
      // A position between the CR and the LF of a line end has no place in the LF text.
      const split = (i: number) => s.text[i - 1] === '\r' && s.text[i] === '\n';
      if (lf(s.text.slice(sel.start, sel.end)) !== t.text.slice(back.start, back.end)) found.add(split(sel.start) || split(sel.end) ? 'selections: an end between CR and LF' : 'selections: covered text');
      else if (back.start !== sel.start || back.end !== sel.end) found.add(lf(s.text) === t.text ? 'selections: offsets moved with the CRs' : 'selections: offsets');
      differ('selections: name', sel.name, back.name);
      differ('selections: memo', sel.memo, back.memo);
      differ('selections: creator', [sel.userGuid, sel.createdAt], [back.userGuid, back.createdAt]);
      differ('selections: codings', sel.codings, back.codings);
      differ('selections: NoteRefs', sel.noteGuids, back.noteGuids);
      differ('selections: modifier', sel.modified, back.modified);
    }
    if (t.selections.length !== s.selections.length) found.add('selections: count');
  }
  if (after.sources.length !== before.sources.length) found.add('sources: count');

  differ('notes', before.notes, after.notes);
  differ('cases', before.cases, after.cases);
  differ('links', before.links, after.links);
  for (const name of ['Sets', 'Variables', 'Graphs']) differ(name, sectionXml(xml.before, name), sectionXml(xml.after, name));
  differ('project: creator', [before.creatingUserGuid, before.createdAt], [after.creatingUserGuid, after.createdAt]);
  differ('project: origin', before.origin, after.origin);
  differ('project: modifier', before.modified, after.modified);
  differ('project: NoteRefs', before.noteGuids, after.noteGuids);
  differ('project: Description', projectDescription(xml.before), projectDescription(xml.after));
  // Every attribute name the file used on an element must be written back somewhere (namespace
  // declarations are not data).
  const written = attributeNames(xml.after);
  for (const a of attributeNames(xml.before)) if (!written.has(a)) found.add(`attribute not written: ${a}`);
  return [...found].sort();
}

/** `Element@attribute` for every attribute in the text, namespace declarations left out. */
function attributeNames(xml: string): Set<string> {
  const out = new Set<string>();
  for (const tag of xml.matchAll(/<([A-Za-z][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    for (const a of tag[2]!.matchAll(/([\w:.-]+)\s*=/g)) if (!/^xmlns(:|$)/.test(a[1]!)) out.add(`${tag[1]}@${a[1]}`);
  }
  return out;
}

/** The Project's own Description: the last one, after every section (Project.xsd's sequence). */
function projectDescription(xml: string): string | null {
  const m = /<Description>([^<]*)<\/Description>\s*(?:<NoteRef[^>]*\/>\s*)*<\/Project>\s*$/.exec(xml);
  return m ? m[1]! : null;
}
