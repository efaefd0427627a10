import { describe, expect, it } from 'vitest';
import { csvField, reportCsv } from '../../client/src/agreement/reportExport';
import type { AgreementResponse, MeasureSet } from '../../shared/agreement';

const measures = (alpha: number | null): MeasureSet => ({
  units: 10,
  prevalence: 0.25,
  alpha: alpha === null ? { value: null, reason: 'no variation: nobody used the theme' } : { value: alpha },
  percentAgreement: { value: 0.9 },
  cohenKappa: { value: 0.5 },
  cohenKappaSE: 0.1,
  fleissKappa: { value: 0.49 },
  brennanPrediger: { value: 0.8 },
  bands: { alpha: alpha === null ? null : 'tentative', kappa: 'moderate' },
  warnings: [],
});

describe('agreement CSV export', () => {
  it('quotes per RFC 4180 and defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // Numbers, negative ones included, stay numbers.
    expect(csvField('-0.25')).toBe('-0.25');
  });

  it('writes one row per scope with full precision, and an undefined value as an empty cell with its reason', () => {
    const data: AgreementResponse = {
      report: {
        unit: 'line',
        hierarchy: 'exact',
        coders: ['a', 'b'],
        overall: measures(0.123456789),
        themes: [{ themeId: 't1', ...measures(0.7) }, { themeId: 't2', ...measures(null) }],
        transcripts: [{ transcriptId: 'x', ...measures(0.6) }],
        pairs: [{ coders: ['a', 'b'], ...measures(0.123456789) }],
        cells: [{ transcriptId: 'x', themeId: 't1', ...measures(0.7) }],
      },
      coders: [{ id: 'a', name: 'Ann' }, { id: 'b', name: 'Ben' }],
      themes: [{ id: 't1', label: '-Trust', path: ['t1'], levelName: 'Theme', color: '#000000', status: 'active' }, { id: 't2', label: 'Doubt', path: ['t2'], levelName: 'Theme', color: '#000000', status: 'active' }],
      transcripts: [{ id: 'x', title: 'Interview, P1', participantId: 'p', phase: 'coding', length: 100, lines: 10 }],
    };
    const rows = reportCsv(data).trimEnd().split('\r\n');
    expect(rows.map((r) => r.split(',')[0])).toEqual(['scope', 'overall', 'theme', 'theme', 'transcript', 'pair', 'cell']);
    expect(rows[1]).toContain(',0.123456789,');
    expect(rows[2]!.startsWith("theme,t1,'-Trust,")).toBe(true);
    expect(rows[3]).toMatch(/^theme,t2,Doubt,10,0\.25,,/);
    expect(rows[3]!.endsWith('alpha: no variation: nobody used the theme')).toBe(true);
    expect(rows[4]!.startsWith('transcript,x,"Interview, P1",')).toBe(true);
    expect(rows[5]!.startsWith('pair,a+b,Ann + Ben,')).toBe(true);
    expect(rows[6]!.startsWith('cell,x/t1,"Interview, P1 / -Trust",')).toBe(true);
  });
});
