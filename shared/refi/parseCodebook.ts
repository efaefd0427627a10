import { readCodes } from './parseProject';
import type { RefiCode } from './project';
import { type XmlNode, attr, child, children, parseXml, rootNamespace } from './xmlTree';
import { RefiError } from './xmlText';

/**
 * Codebook namespaces in the wild (SOURCES.md): urn:QDA-XML:codebook:1.0 (the standard, MAXQDA,
 * NVivo on Windows), urn:QDA-XML:codebook:0:4 (ATLAS.ti) and urn:QDA-XML:codebook:1:0 (NVivo for
 * Mac). All share the element names; anything else is read with a warning.
 */
const KNOWN_NAMESPACE = /^urn:QDA-XML:codebook:\d+[.:]\d+$/i;

export interface RefiCodebook {
  readonly origin: string | null;
  readonly namespace: string | null;
  readonly codes: readonly RefiCode[];
  readonly warnings: readonly string[];
}

/**
 * Reads a .qdc codebook. A project file (.qde) is accepted too: its CodeBook element is the same
 * structure, and teams often have only the project at hand.
 */
export function parseCodebook(xml: string): RefiCodebook {
  const doc = parseXml(xml, new Set(['Code']));
  const warnings: string[] = [];
  let book: XmlNode | undefined;
  let namespace: string | null = null;
  if (typeof doc.CodeBook === 'object' && doc.CodeBook !== null) {
    book = doc.CodeBook as XmlNode;
    namespace = rootNamespace(xml, 'CodeBook');
    if (namespace === null) warnings.push('the CodeBook element has no namespace');
    else if (!KNOWN_NAMESPACE.test(namespace)) warnings.push(`unknown namespace ${namespace}; reading it as QDA-XML 1.0`);
  } else if (typeof doc.Project === 'object' && doc.Project !== null) {
    book = child(doc.Project as XmlNode, 'CodeBook');
    namespace = rootNamespace(xml, 'Project');
    warnings.push('a project file: only its codebook is read');
  } else throw new RefiError('no <CodeBook> root element: not a REFI-QDA codebook (.qdc)');
  const codes = readCodes(children(child(book, 'Codes'), 'Code'));
  return { origin: book ? attr(book, 'origin') : null, namespace, codes, warnings };
}
