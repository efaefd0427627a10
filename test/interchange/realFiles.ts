import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { zipSync } from 'fflate';

/** Real REFI-QDA files written by other tools (test/fixtures/real/SOURCES.md says where each came from). */
export const REAL = 'test/fixtures/real';

export interface RealProject {
  readonly tool: string;
  readonly file: string;
  /** The file's bytes, or null when it is not here (an unlicensed file: described, not committed). */
  readonly load: () => Uint8Array | null;
  /** Every difference a round trip makes, each explained in docs/interchange.md ("Real files"). */
  readonly differences: readonly string[];
  /** What the import report must list as modelled and carried. */
  readonly parts: { readonly modelled: readonly string[]; readonly carried: readonly string[]; readonly refused: readonly { readonly element: string; readonly reason: string }[] };
}

const file = (path: string) => () => (existsSync(path) ? new Uint8Array(readFileSync(path)) : null);

/** An unpacked .qdpx (project.qde and sources/) as its repository holds it, zipped again. */
const folder = (dir: string) => () => {
  if (!existsSync(`${dir}/project.qde`)) return null;
  const files: Record<string, Uint8Array> = { 'project.qde': readFileSync(`${dir}/project.qde`) };
  for (const f of readdirSync(`${dir}/sources`)) files[`sources/${f}`] = readFileSync(`${dir}/sources/${f}`);
  return zipSync(files);
};

export const REAL_PROJECTS: readonly RealProject[] = [
  {
    tool: 'NVivo for Windows 12.6',
    file: 'nvivo12.6-win-oltas0517.qdpx',
    load: file(`${REAL}/nvivo12.6-win-oltas0517.qdpx`),
    differences: ['attribute not written: Project@basePath', 'attribute not written: TextSource@richTextPath', 'project: origin', 'selections: offsets moved with the CRs', 'sources: CRLF became LF'],
    parts: {
      modelled: ['Users', 'CodeBook', 'Sources (TextSource)'],
      carried: [],
      refused: [
        { element: '<Project basePath>', reason: "the exporting machine's folder for external sources, which Concord does not import" },
        { element: '<TextSource richTextPath>', reason: 'the rich-text copy of a source is not kept: its plain text is the transcript' },
      ],
    },
  },
  {
    tool: 'MAXQDA 24',
    file: 'unlicensed/maxqda24-paper_themes/',
    load: folder(`${REAL}/unlicensed/maxqda24-paper_themes`),
    differences: ['project: origin'],
    parts: { modelled: ['Users', 'CodeBook', 'Sources (TextSource)'], carried: ['Sets'], refused: [] },
  },
  {
    tool: 'ATLAS.ti for Windows 23.2',
    file: 'unlicensed/atlasti23.2-win-ponte-target.qdpx',
    load: file(`${REAL}/unlicensed/atlasti23.2-win-ponte-target.qdpx`),
    differences: ['project: origin'],
    parts: { modelled: ['Users', 'CodeBook'], carried: [], refused: [] },
  },
];
