import { elementLabel } from './where';

/** Project sections Concord does not model, carried as written and put back on export (issue 17 item 2). */
export const CARRIED_SECTIONS = ['Variables', 'Sets', 'Graphs'] as const;
export type CarriedSectionName = (typeof CARRIED_SECTIONS)[number];

export interface CarriedSections {
  /** Each section's XML exactly as the file had it (default namespace, no prefix). */
  readonly carried: Partial<Record<CarriedSectionName, string>>;
  /** Sections present but not carried, with the reason (`<qda:Sets>`: a prefix the export cannot rebind). */
  readonly refused: readonly { readonly element: string; readonly reason: string }[];
}

/**
 * Finds the top-level Variables, Sets and Graphs of a project in its text. They follow CodeBook,
 * Sources, Notes and Links in Project.xsd's sequence, so the last occurrence is the top-level
 * one (a CodeBook may hold Sets of its own, which are part of the codebook, not of these). A
 * section written with a namespace prefix is refused and reported: written back without its
 * prefix binding it would not be well-formed.
 */
export function readCarriedSections(xml: string): CarriedSections {
  const carried: Partial<Record<CarriedSectionName, string>> = {};
  const refused: { element: string; reason: string }[] = [];
  for (const name of CARRIED_SECTIONS) {
    const open = new RegExp(`<([A-Za-z_][\\w.-]*:)?${name}(?=[\\s/>])`, 'g');
    let last: RegExpExecArray | null = null;
    for (let m = open.exec(xml); m; m = open.exec(xml)) last = m;
    if (!last) continue;
    if (last[1]) {
      refused.push({ element: elementLabel(`${last[1]}${name}`), reason: 'written with a namespace prefix; Concord carries unprefixed sections only' });
      continue;
    }
    const tagEnd = xml.indexOf('>', last.index);
    if (tagEnd < 0) continue;
    if (xml[tagEnd - 1] === '/') {
      carried[name] = xml.slice(last.index, tagEnd + 1);
      continue;
    }
    const close = xml.indexOf(`</${name}>`, tagEnd);
    if (close < 0) continue;
    carried[name] = xml.slice(last.index, close + name.length + 3);
  }
  return { carried, refused };
}
