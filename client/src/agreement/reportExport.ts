import { csvCell, csvText } from '../../../shared/csv';
import type { AgreementSettings } from './settings';
import type { AgreementResponse, Estimate, MeasureSet } from '../../../shared/agreement';

const COLUMNS = [
  'scope', 'id', 'label', 'units', 'prevalence', 'alpha', 'alpha_ci_lower', 'alpha_ci_upper', 'alpha_band',
  'cohen_kappa', 'fleiss_kappa', 'kappa_band', 'percent_agreement', 'brennan_prediger', 'warnings', 'undefined_reasons',
] as const;

/**
 * The report as one CSV table, a row per scope (overall, theme, transcript, coder pair, and each
 * transcript-theme cell), with
 * full-precision numbers so a spreadsheet or R recomputes nothing from rounded figures. An
 * undefined coefficient is an empty cell, and its reason goes to `undefined_reasons`.
 */
export function reportCsv(data: AgreementResponse): string {
  const themeLabel = new Map(data.themes.map((t) => [t.id, t.label]));
  const transcriptTitle = new Map(data.transcripts.map((t) => [t.id, t.title]));
  const coderName = new Map(data.coders.map((c) => [c.id, c.name]));
  const rows: string[][] = [[...COLUMNS]];
  const add = (scope: string, id: string, label: string, m: MeasureSet) => rows.push(measureRow(scope, id, label, m));
  add('overall', '', 'all themes and transcripts', data.report.overall);
  for (const t of data.report.themes) add('theme', t.themeId, themeLabel.get(t.themeId) ?? t.themeId, t);
  for (const t of data.report.transcripts) add('transcript', t.transcriptId, transcriptTitle.get(t.transcriptId) ?? t.transcriptId, t);
  for (const p of data.report.pairs) add('pair', p.coders.join('+'), p.coders.map((c) => coderName.get(c) ?? c).join(' + '), p);
  for (const c of data.report.cells) add('cell', `${c.transcriptId}/${c.themeId}`, `${transcriptTitle.get(c.transcriptId) ?? c.transcriptId} / ${themeLabel.get(c.themeId) ?? c.themeId}`, c);
  return csvText(rows, 'guard-text');
}

function measureRow(scope: string, id: string, label: string, m: MeasureSet): string[] {
  const reasons: string[] = [];
  const num = (name: string, e: Estimate): string => {
    if (e.value !== null) return String(e.value);
    reasons.push(`${name}: ${e.reason}`);
    return '';
  };
  const opt = (x: number | null | undefined): string => (x === null || x === undefined ? '' : String(x));
  const alpha = num('alpha', m.alpha);
  const cohen = num('cohen_kappa', m.cohenKappa);
  const fleiss = num('fleiss_kappa', m.fleissKappa);
  const pa = num('percent_agreement', m.percentAgreement);
  const bp = num('brennan_prediger', m.brennanPrediger);
  return [
    scope, id, label, String(m.units), opt(m.prevalence), alpha, opt(m.ci?.lower), opt(m.ci?.upper), m.bands.alpha ?? '',
    cohen, fleiss, m.bands.kappa ?? '', pa, bp, m.warnings.join(' | '), reasons.join(' | '),
  ];
}

/**
 * One cell (shared/csv): text a spreadsheet would run as a formula (a theme label starting with
 * `=`, `+`, `-` or `@`: "CSV injection", OWASP) gets a leading apostrophe; numbers are left alone.
 */
export function csvField(value: string): string {
  return csvCell(value, 'guard-text');
}

/** The JSON export: the API's answer as it came, plus the settings that produced it. */
export function reportJson(data: AgreementResponse, settings: AgreementSettings): string {
  return JSON.stringify({ settings, exportedAt: new Date().toISOString(), ...data }, null, 2);
}

export function exportName(settings: AgreementSettings, extension: 'csv' | 'json'): string {
  return `agreement-${settings.unit}${settings.rollup ? '-rollup' : ''}.${extension}`;
}

/** Saves text as a file through the browser's download (nothing leaves the machine). */
export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke on the next turn: revoking synchronously can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
