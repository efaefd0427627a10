import type { BootstrapOptions } from './bootstrap';
import { type MeasureSet, profileMeasures, tallyMeasures } from './measureSet';
import { type PresenceProfile, addProfile, emptyProfile, projectProfile } from './presenceProfile';
import { MAX_COMPARED_CODERS, SweepRuns } from './sweep';
import { themeResolver } from './themeResolver';
import type { HierarchyMode, Theme, TranscriptInput, UnitKind } from './transcript';
import { type TranscriptLayers, continuumPieces, continuumTally, presenceProfile, themeIntervals, transcriptLayers, unitGrid } from './units';
import { type UnitizingTally, addPartitions, emptyTally } from './unitizingAlpha';

export interface StudyInput {
  readonly transcripts: readonly TranscriptInput[];
  readonly themes: readonly Theme[];
}

export interface ReportOptions {
  readonly unit: UnitKind;
  readonly hierarchy?: HierarchyMode;
  /** Coders to compare (default: everyone with a layer, in order of appearance). */
  readonly coders?: readonly string[];
  readonly themes?: readonly string[];
  readonly transcripts?: readonly string[];
  /** Bootstrap CI for alpha on the theme rows and the overall row (line, turn and character units). */
  readonly bootstrap?: BootstrapOptions;
}

export interface AgreementReport {
  readonly unit: UnitKind;
  readonly hierarchy: HierarchyMode;
  readonly coders: readonly string[];
  /** Pooled over every transcript and theme. */
  readonly overall: MeasureSet;
  readonly themes: readonly ({ readonly themeId: string } & MeasureSet)[];
  readonly transcripts: readonly ({ readonly transcriptId: string } & MeasureSet)[];
  /** Pooled over transcripts and themes, for each pair of coders. */
  readonly pairs: readonly ({ readonly coders: readonly [string, string] } & MeasureSet)[];
  /** One row per transcript and theme. */
  readonly cells: readonly ({ readonly transcriptId: string; readonly themeId: string } & MeasureSet)[];
}

/** Binary presence data of either kind; both pool by addition. */
type Pool = { kind: 'profile'; profile: PresenceProfile } | { kind: 'tally'; tally: UnitizingTally };

/**
 * The agreement report of DESIGN.md section 7: per transcript and theme, then pooled per theme,
 * per transcript, per coder pair and overall. Pooling adds the underlying coincidences (or
 * unitizing tallies), it does not average coefficients: an average of alphas is not an alpha.
 */
export function agreementReport(study: StudyInput, options: ReportOptions): AgreementReport {
  const hierarchy = options.hierarchy ?? 'exact';
  const resolver = themeResolver(study.themes, hierarchy);
  const transcriptFilter = options.transcripts ? new Set(options.transcripts) : null;
  const transcripts = study.transcripts.filter((t) => !transcriptFilter || transcriptFilter.has(t.id));
  const coders = options.coders ? [...options.coders] : codersOf(transcripts);
  if (coders.length > MAX_COMPARED_CODERS) throw new RangeError(`at most ${MAX_COMPARED_CODERS} coders can be compared at once`);
  const themeIds = options.themes ? [...new Set(options.themes.map((t) => resolver.resolve(t)[0]).filter((t): t is string => t !== undefined))] : resolver.themes;
  const continuum = options.unit === 'continuum';
  const newPool = (): Pool => (continuum ? { kind: 'tally', tally: emptyTally(['present']) } : { kind: 'profile', profile: emptyProfile(coders) });
  const measure = (pool: Pool, bootstrap?: BootstrapOptions): MeasureSet =>
    pool.kind === 'tally' ? tallyMeasures(pool.tally) : profileMeasures(pool.profile, bootstrap);

  const overall = newPool();
  const byTheme = new Map(themeIds.map((t) => [t, newPool()]));
  const pairTallies: UnitizingTally[] = [];
  const pairList: [number, number][] = [];
  for (let a = 0; a < coders.length; a++) for (let b = a + 1; b < coders.length; b++) pairList.push([a, b]);
  if (continuum) for (let i = 0; i < pairList.length; i++) pairTallies.push(emptyTally(['present']));

  // Scratch space of every line/turn/character sweep of the report.
  const runs = new SweepRuns();
  const transcriptRows: AgreementReport['transcripts'][number][] = [];
  const cells: AgreementReport['cells'][number][] = [];
  for (const transcript of transcripts) {
    const layers = transcriptLayers(transcript, resolver, coders);
    const pooled = newPool();
    const grid = continuum ? null : unitGrid(transcript, options.unit as Exclude<UnitKind, 'continuum'>);
    for (const themeId of themeIds) {
      let cell: Pool;
      if (grid) cell = { kind: 'profile', profile: presenceProfile(layers, themeId, grid, runs) };
      else {
        cell = { kind: 'tally', tally: continuumTally(layers, themeId) };
        addPairTallies(layers, themeId, pairList, pairTallies);
      }
      cells.push({ transcriptId: transcript.id, themeId, ...measure(cell) });
      addPool(pooled, cell);
      addPool(byTheme.get(themeId) as Pool, cell);
      addPool(overall, cell);
    }
    transcriptRows.push({ transcriptId: transcript.id, ...measure(pooled) });
  }

  const pairs = pairList.map(([a, b], i) => {
    const names: [string, string] = [coders[a] ?? '', coders[b] ?? ''];
    const pool: Pool = overall.kind === 'profile' ? { kind: 'profile', profile: projectProfile(overall.profile, a, b) } : { kind: 'tally', tally: pairTallies[i] as UnitizingTally };
    return { coders: names, ...measure(pool) };
  });
  return {
    unit: options.unit,
    hierarchy,
    coders,
    overall: measure(overall, options.bootstrap),
    themes: themeIds.map((themeId) => ({ themeId, ...measure(byTheme.get(themeId) as Pool, options.bootstrap) })),
    transcripts: transcriptRows,
    pairs,
    cells,
  };
}

function codersOf(transcripts: readonly TranscriptInput[]): string[] {
  const seen = new Set<string>();
  for (const t of transcripts) for (const l of t.layers) seen.add(l.coder);
  return [...seen];
}

function addPool(target: Pool, source: Pool): void {
  if (target.kind === 'profile' && source.kind === 'profile') addProfile(target.profile, source.profile);
  else if (target.kind === 'tally' && source.kind === 'tally') addTally(target.tally, source.tally);
}

function addTally(target: UnitizingTally, source: UnitizingTally): void {
  const t = target as { -readonly [K in keyof UnitizingTally]: UnitizingTally[K] };
  for (let i = 0; i < t.l.length; i++) t.l[i] = (t.l[i] ?? 0) + (source.l[i] ?? 0);
  for (let i = 0; i < t.lambda.length; i++) {
    t.lambda[i] = (t.lambda[i] ?? 0) + (source.lambda[i] ?? 0);
    t.lambdaStar[i] = (t.lambdaStar[i] ?? 0) + (source.lambdaStar[i] ?? 0);
  }
  t.lambdaValued += source.lambdaValued;
  t.total += source.total;
}

/** Continuum pairs: the tally of each pair alone (unitizing coefficients do not project from an m-coder tally). */
function addPairTallies(layers: TranscriptLayers, themeId: string, pairList: readonly [number, number][], into: UnitizingTally[]): void {
  const length = layers.transcript.length;
  const perCoder = themeIntervals(layers, themeId);
  const pieces = perCoder.map((list) => (list ? continuumPieces(list, length) : undefined));
  pairList.forEach(([a, b], i) => {
    const pa = pieces[a];
    const pb = pieces[b];
    if (pa && pb) addPartitions(into[i] as UnitizingTally, [pa, pb], length);
  });
}
