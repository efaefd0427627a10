import type { ExportCode } from './exportModel';
import { codeElement } from './writeProject';
import { el, serializeXml } from './xmlWriter';

export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** Serialises a codebook exchange file (.qdc, Codebook.xsd). Codebook.xsd requires at least one Code. */
export function writeCodebook(codes: readonly ExportCode[], origin: string): string {
  return serializeXml(el('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin }, [el('Codes', {}, codes.map(codeElement))]));
}
