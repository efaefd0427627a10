import { HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type Document as DocxDocument } from 'docx';
import { Document } from 'docx';

/** Small builders over the `docx` package shared by the Word exports. */
export const heading = (text: string, level: 1 | 2 | 3 = 1) =>
  new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3 });

export const paragraph = (text: string, { indent, ...options }: { italics?: boolean; bold?: boolean; indent?: number } = {}) =>
  new Paragraph({ children: [new TextRun({ text, ...options })], ...(indent ? { indent: { left: indent * 360 } } : {}) });

/** A cell with one paragraph per line, so citations stack as they do in the HTML table. */
export function cell(lines: readonly string[] | string, options: { bold?: boolean; indent?: number } = {}): TableCell {
  const list = typeof lines === 'string' ? [lines] : lines.length ? lines : [''];
  return new TableCell({
    children: list.map((l) => new Paragraph({ children: [new TextRun({ text: l, ...(options.bold ? { bold: true } : {}) })], ...(options.indent ? { indent: { left: options.indent * 240 } } : {}) })),
  });
}

/** A real Word table (w:tbl), full width, with a repeated header row. */
export function table(header: readonly string[], rows: readonly TableCell[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true })) }), ...rows.map((children) => new TableRow({ children, cantSplit: true }))],
  });
}

/** A landscape document (tables of themes are wide) packed to bytes. */
export async function packDocument(title: string, children: Array<Paragraph | Table>): Promise<Uint8Array> {
  const doc: DocxDocument = new Document({
    title,
    creator: 'Concord',
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
