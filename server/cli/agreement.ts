import { readFile } from 'node:fs/promises';
import {
  ALPHA_LEVELS,
  type AlphaLevel,
  type CoderLayer,
  type Estimate,
  type Line,
  type MeasureSet,
  type ReliabilityData,
  type TranscriptInput,
  type Value,
  type ValuedSegment,
  MAX_BOOTSTRAP_REPLICATES,
  agreementReport,
  matrixReport,
  unitizingAlphas,
  unitizingTally,
} from '../../shared/agreement';
import { RefiError, type RefiProject, readProjectBytes } from '../../shared/refi';
import { readCsvRows } from './csvRows';
import { type CliIo, EXIT_OK, UsageError } from './io';

const USAGE = `usage:
  concord agreement matrix FILE.csv [--level nominal|ordinal|interval|ratio] [--bootstrap N] [--seed S]
  concord agreement spans FILE.csv --length L
  concord agreement qdpx FILE.qdpx|FILE.qde [--unit line|character|continuum] [--rollup]`;

/** Input files are read whole; a reliability matrix or span list this large is a mistake, not data. */
const MAX_CSV_BYTES = 64 * 1024 * 1024;
const MAX_QDPX_BYTES = 512 * 1024 * 1024;
const DEFAULT_SEED = 20240229;

/** `concord agreement`: the reliability calculator (JSON on stdout). */
export async function runAgreement(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    if (!sub) throw new UsageError(`missing subcommand\n${USAGE}`);
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  let result: unknown;
  if (sub === 'matrix') result = await matrixCommand(parseArgs(rest, ['level', 'bootstrap', 'seed'], []));
  else if (sub === 'spans') result = await spansCommand(parseArgs(rest, ['length', 'coders'], []));
  else if (sub === 'qdpx') result = await qdpxCommand(parseArgs(rest, ['unit'], ['rollup']));
  else throw new UsageError(`unknown subcommand '${sub}'\n${USAGE}`);
  io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  return EXIT_OK;
}

interface Parsed {
  file: string;
  options: Map<string, string>;
  flags: Set<string>;
}

function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[]): Parsed {
  const options = new Map<string, string>();
  const set = new Set<string>();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (flags.includes(name) && eq < 0) {
      set.add(name);
      continue;
    }
    if (!valued.includes(name)) throw new UsageError(`unknown option --${name}\n${USAGE}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  if (files.length !== 1) throw new UsageError(`expected exactly one input file, got ${files.length}\n${USAGE}`);
  return { file: files[0] as string, options, flags: set };
}

async function readInput(file: string, limit: number): Promise<Buffer> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (data.length > limit) throw new UsageError(`${file} is larger than ${limit} bytes`);
  return data;
}

function integerOption(parsed: Parsed, name: string, min: number, max: number): number | undefined {
  const raw = parsed.options.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got '${raw}'`);
  return n;
}

const MISSING = new Set(['', '*', '.']);

async function matrixCommand(parsed: Parsed): Promise<unknown> {
  const level = (parsed.options.get('level') ?? 'nominal') as AlphaLevel;
  if (!ALPHA_LEVELS.includes(level)) throw new UsageError(`--level must be one of ${ALPHA_LEVELS.join(', ')}`);
  const replicates = integerOption(parsed, 'bootstrap', 1, MAX_BOOTSTRAP_REPLICATES);
  const seed = integerOption(parsed, 'seed', 0, 0xffffffff);
  if (seed !== undefined && replicates === undefined) throw new UsageError('--seed only applies with --bootstrap N');
  const rows = readCsvRows((await readInput(parsed.file, MAX_CSV_BYTES)).toString('utf8'), parsed.file);
  const [headerRow, ...body] = rows;
  const header = headerRow?.cells;
  if (!header || header.length < 2) throw new UsageError(`${parsed.file}: line ${headerRow?.line ?? 1}: expected a header 'unit,<coder>,<coder>,...'`);
  const coders = header.slice(1).map((c) => c.trim());
  if (coders.some((c) => c === '')) throw new UsageError(`${parsed.file}: line ${headerRow?.line ?? 1}: empty coder name in the header`);
  if (new Set(coders).size !== coders.length) throw new UsageError(`${parsed.file}: line ${headerRow?.line ?? 1}: duplicate coder name in the header`);
  if (body.length === 0) throw new UsageError(`${parsed.file}: no units (rows) after the header`);
  const seen = new Set<string>();
  const cells = body.map(({ cells: row, line }) => {
    if (row.length !== header.length) throw new UsageError(`${parsed.file}: line ${line} has ${row.length} fields, the header has ${header.length}`);
    const id = (row[0] ?? '').trim();
    if (seen.has(id)) throw new UsageError(`${parsed.file}: line ${line}: unit '${id}' appears twice`);
    seen.add(id);
    return row.slice(1).map((v) => v.trim());
  });
  const present = cells.flat().filter((v) => !MISSING.has(v));
  const numeric = present.length > 0 && present.every((v) => Number.isFinite(Number(v)));
  if (level !== 'nominal' && !numeric) {
    const bad = present.find((v) => !Number.isFinite(Number(v)));
    throw new UsageError(`${parsed.file}: ${level} alpha needs numeric values, found '${bad ?? ''}'`);
  }
  if (level === 'ratio' && present.some((v) => Number(v) < 0)) throw new UsageError(`${parsed.file}: ratio alpha needs non-negative values`);
  const data: ReliabilityData = {
    coders,
    units: cells.map((row) => row.map((v): Value | null => (MISSING.has(v) ? null : numeric ? Number(v) : v))),
  };
  const report = matrixReport(data, level, replicates === undefined ? undefined : { replicates, seed: seed ?? DEFAULT_SEED });
  return report;
}

async function spansCommand(parsed: Parsed): Promise<unknown> {
  const length = integerOption(parsed, 'length', 1, Number.MAX_SAFE_INTEGER);
  if (length === undefined) throw new UsageError('spans needs --length L (the continuum length)');
  const rows = readCsvRows((await readInput(parsed.file, MAX_CSV_BYTES)).toString('utf8'), parsed.file);
  const body = rows[0] && !/^\s*-?\d+\s*$/.test(rows[0].cells[1] ?? '') ? rows.slice(1) : rows;
  const segments: ValuedSegment[] = body.map(({ cells: row, line }) => {
    if (row.length !== 4) throw new UsageError(`${parsed.file}: line ${line}: expected coder,start,end,value`);
    const [coder, s, e, value] = row.map((x) => x.trim()) as [string, string, string, string];
    const start = Number(s);
    const end = Number(e);
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw new UsageError(`${parsed.file}: line ${line}: start and end must be integers`);
    if (start < 0 || end > length || start >= end) throw new UsageError(`${parsed.file}: line ${line}: span [${start}, ${end}) is empty or outside [0, ${length})`);
    if (coder === '' || value === '') throw new UsageError(`${parsed.file}: line ${line}: coder and value must not be empty`);
    return { coder, start, end, value };
  });
  const extra = parsed.options.get('coders')?.split(',').map((c) => c.trim()).filter(Boolean) ?? [];
  const coders = [...new Set([...segments.map((s) => s.coder), ...extra])];
  if (coders.length < 2) throw new UsageError(`${parsed.file}: needs spans from at least 2 coders (or name silent coders with --coders)`);
  let tally;
  try {
    tally = unitizingTally(length, coders, segments);
  } catch (error) {
    throw new UsageError(`${parsed.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const r = unitizingAlphas(tally);
  const reasons: Record<string, string> = {};
  const take = (name: string, e: Estimate): number | null => {
    if (e.value === null) reasons[name] = e.reason;
    return e.value;
  };
  const perValue: Record<string, number | null> = {};
  for (const [value, e] of Object.entries(r.perValue)) perValue[value] = take(`perValue.${value}`, e);
  return {
    length,
    coders,
    uAlpha: take('uAlpha', r.uAlpha),
    binaryUAlpha: take('binaryUAlpha', r.binaryUAlpha),
    cuAlpha: take('cuAlpha', r.cuAlpha),
    coverage: r.coverage,
    perValue,
    reasons,
  };
}

const QDPX_UNITS = ['line', 'character', 'continuum'] as const;

async function qdpxCommand(parsed: Parsed): Promise<unknown> {
  const unit = (parsed.options.get('unit') ?? 'line') as (typeof QDPX_UNITS)[number];
  if (!QDPX_UNITS.includes(unit)) throw new UsageError(`--unit must be one of ${QDPX_UNITS.join(', ')}`);
  const bytes = await readInput(parsed.file, MAX_QDPX_BYTES);
  let project: RefiProject;
  try {
    project = readProjectBytes(bytes, parsed.file);
  } catch (error) {
    if (error instanceof RefiError) throw new UsageError(error.message);
    throw error;
  }
  const userName = new Map(project.users.map((u) => [u.guid, u.name]));
  const transcripts: TranscriptInput[] = project.sources.map((s) => {
    const byUser = new Map<string, CoderLayer['codings'][number][]>();
    for (const c of s.codings) {
      const list = byUser.get(c.userGuid) ?? [];
      list.push({ themeId: c.codeGuid, start: c.start, end: c.end });
      byUser.set(c.userGuid, list);
    }
    return { id: s.guid, length: s.text.length, text: s.text, lines: splitLines(s.text), layers: [...byUser].map(([coder, codings]) => ({ coder, codings })) };
  });
  const coders = [...new Set(transcripts.flatMap((t) => t.layers.map((l) => l.coder)))];
  if (coders.length < 2) throw new UsageError(`${parsed.file}: agreement needs codings by at least 2 users (creatingUser), found ${coders.length}`);
  const themes = project.codes.map((c) => ({ id: c.guid, parentId: c.parentGuid }));
  const report = agreementReport({ transcripts, themes }, { unit, hierarchy: parsed.flags.has('rollup') ? 'rollup' : 'exact', coders });
  const codeName = new Map(project.codes.map((c) => [c.guid, c.name]));
  const sourceName = new Map(project.sources.map((s) => [s.guid, s.name]));
  const coderNames = coders.map((guid) => ({ guid, name: userName.get(guid) ?? guid }));
  return {
    project: { name: project.name, origin: project.origin, namespace: project.namespace },
    offsets: { ...project.convention, ...project.conventionEvidence },
    unit,
    hierarchy: report.hierarchy,
    coders: coderNames,
    overall: flatten(report.overall),
    codes: report.themes.map((t) => ({ guid: t.themeId, name: codeName.get(t.themeId) ?? t.themeId, ...flatten(t) })),
    sources: report.transcripts.map((t) => ({
      guid: t.transcriptId,
      name: sourceName.get(t.transcriptId) ?? t.transcriptId,
      ...flatten(t),
      codes: report.cells.filter((c) => c.transcriptId === t.transcriptId).map((c) => ({ guid: c.themeId, name: codeName.get(c.themeId) ?? c.themeId, ...flatten(c) })),
    })),
    pairs: report.pairs.map((p) => ({ coders: p.coders.map((g) => userName.get(g) ?? g), ...flatten(p) })),
    warnings: project.warnings,
  };
}

/** Lines for `line` units: the text split after each `\n` (this calculator has no study line width). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      lines.push({ n: lines.length + 1, start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length || lines.length === 0) lines.push({ n: lines.length + 1, start, end: text.length });
  return lines;
}

/** JSON shape of a measure set: numbers or null, with the reasons collected apart. */
function flatten(m: MeasureSet): Record<string, unknown> {
  const reasons: Record<string, string> = {};
  const take = (name: string, e: Estimate): number | null => {
    if (e.value === null) reasons[name] = e.reason;
    return e.value;
  };
  return {
    units: m.units,
    prevalence: m.prevalence,
    alpha: take('alpha', m.alpha),
    percentAgreement: take('percentAgreement', m.percentAgreement),
    cohenKappa: take('cohenKappa', m.cohenKappa),
    fleissKappa: take('fleissKappa', m.fleissKappa),
    brennanPrediger: take('brennanPrediger', m.brennanPrediger),
    ...(m.unitizing ? { uAlpha: take('uAlpha', m.unitizing.uAlpha), cuAlpha: take('cuAlpha', m.unitizing.cuAlpha), coverage: m.unitizing.coverage } : {}),
    bands: m.bands,
    warnings: m.warnings,
    reasons,
  };
}
