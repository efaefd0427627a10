import { readCodes } from './parseProject';
import type { RefiCode } from './project';
import { type XmlNode, attr, child, children, parseXml, rootNamespace } from './xmlTree';
import { RefiError } from './xmlText';
import { elementLabel, inFile } from './where';

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
export function parseCodebook(xml: string, file?: string): RefiCodebook {
  let doc: XmlNode;
  try {
    doc = parseXml(xml, new Set(['Code']));
  } catch (e) {
    throw e instanceof RefiError ? new RefiError(inFile(file, e.message), e.reason) : e;
  }
  const warnings: string[] = [];
  const warn = (element: string, message: string) => warnings.push(inFile(file, `${element}: ${message}`));
  let origin: string | null = null;
  let book: XmlNode | undefined;
  let namespace: string | null = null;
  if (typeof doc.CodeBook === 'object' && doc.CodeBook !== null) {
    book = doc.CodeBook as XmlNode;
    namespace = rootNamespace(xml, 'CodeBook');
    origin = attr(book, 'origin');
    if (namespace === null) warn('<CodeBook>', 'no namespace declared; reading it as QDA-XML 1.0');
    else if (!KNOWN_NAMESPACE.test(namespace)) warn(elementLabel('CodeBook', { xmlns: namespace }), `unknown namespace ${namespace}; reading it as QDA-XML 1.0`);
  } else if (typeof doc.Project === 'object' && doc.Project !== null) {
    const project = doc.Project as XmlNode;
    book = child(project, 'CodeBook');
    namespace = rootNamespace(xml, 'Project');
    // A project's CodeBook carries no origin of its own: the Project element states the tool.
    origin = (book ? attr(book, 'origin') : null) ?? attr(project, 'origin');
    warn('<Project>', 'a project file: only its <CodeBook> is read');
  } else throw new RefiError(inFile(file, 'no <CodeBook> root element: not a REFI-QDA codebook (.qdc)'));
  const codes = readCodes(children(child(book, 'Codes'), 'Code'));
  return { origin, namespace, codes, warnings };
}
