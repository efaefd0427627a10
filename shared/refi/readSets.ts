import { attr, children, guidAttr, parseXml, textOf } from './xmlTree';

/** A REFI-QDA Set (a code group, a document group, or both), read from a carried Sets section. */
export interface RefiSet {
  readonly guid: string;
  readonly name: string;
  readonly description: string;
  readonly codeGuids: readonly string[];
  readonly sourceGuids: readonly string[];
  readonly noteGuids: readonly string[];
}

const REPEATED = new Set(['Set', 'MemberCode', 'MemberSource', 'MemberNote']);

/**
 * The Sets of a carried `<Sets>` section (carriedSections.ts), in file order. Members are GUIDs
 * as the file wrote them, canonical (guid.ts); a member without one is left out. The section
 * itself stays as the file had it: this is a reading for display, never written back.
 */
export function readSets(section: string): RefiSet[] {
  const root = parseXml(section, REPEATED).Sets;
  if (typeof root !== 'object' || root === null) return [];
  return children(root as Record<string, unknown>, 'Set').map((set) => {
    const members = (name: string) => children(set, name).flatMap((m) => guidAttr(m, 'targetGUID') ?? guidAttr(m, 'guid') ?? []);
    return {
      guid: guidAttr(set, 'guid') ?? '',
      name: attr(set, 'name') ?? '',
      description: textOf(set.Description) ?? '',
      codeGuids: members('MemberCode'),
      sourceGuids: members('MemberSource'),
      noteGuids: members('MemberNote'),
    };
  });
}
