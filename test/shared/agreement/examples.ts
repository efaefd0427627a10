/** The worked examples of AGREEMENT.md as reliability data (shared by the engine and CLI tests). */
import type { ReliabilityData, Value } from '../../../shared/agreement';

function parseRows(rows: readonly string[], coders: readonly string[], numeric: boolean): ReliabilityData {
  const cells = rows.map((r) => r.trim().split(/\s+/));
  const units: (Value | null)[][] = (cells[0] ?? []).map((_, u) =>
    cells.map((row) => {
      const v = row[u] ?? '*';
      return v === '*' ? null : numeric ? Number(v) : v;
    }),
  );
  return { coders, units };
}

/** E1, Krippendorff (2011): 4 coders x 12 units. */
export const E1_ROWS = ['1 2 3 3 2 1 4 1 2 * * *', '1 2 3 3 2 2 4 1 2 5 * 3', '* 3 3 3 2 3 4 2 2 5 1 *', '1 2 3 3 2 4 4 1 2 5 1 *'];
export const E1 = parseRows(E1_ROWS, ['A', 'B', 'C', 'D'], true);

/** E2, Krippendorff (2019) 12.3.4.4. */
export const E2 = parseRows(['a a c c c c c b b b b d', 'a c c c c c b b b b b d'], ['Mary', 'Dave'], false);

/** Expands a 2-coder contingency table (rows coder B, columns coder A) into reliability data. */
export function fromTable(table: readonly (readonly number[])[], labels: readonly string[]): ReliabilityData {
  const units: Value[][] = [];
  table.forEach((row, b) =>
    row.forEach((count, a) => {
      for (let i = 0; i < count; i++) units.push([labels[a] ?? '', labels[b] ?? '']);
    }),
  );
  return { coders: ['A', 'B'], units };
}

/** E3, Cohen (1960) table 2. */
export const E3_TABLE = [
  [88, 14, 18],
  [10, 40, 10],
  [2, 6, 12],
];
export const E3 = fromTable(E3_TABLE, ['x', 'y', 'z']);

/** E4: 50 proposals, (first coder, second coder): yes/yes 20, yes/no 5, no/yes 10, no/no 15. */
export const E4: ReliabilityData = {
  coders: ['first', 'second'],
  units: [
    ...Array.from({ length: 20 }, () => ['yes', 'yes']),
    ...Array.from({ length: 5 }, () => ['yes', 'no']),
    ...Array.from({ length: 10 }, () => ['no', 'yes']),
    ...Array.from({ length: 15 }, () => ['no', 'no']),
  ],
};

/** E5: unitizing, L = 20. */
export const E5_LENGTH = 20;
export const E5 = [
  ['Alex', 2, 5, '1'],
  ['Alex', 9, 11, '1'],
  ['Alex', 12, 20, '2'],
  ['Paul', 2, 5, '1'],
  ['Paul', 7, 15, '2'],
  ['Susan', 2, 5, '1'],
  ['Susan', 10, 15, '2'],
].map(([coder, start, end, value]) => ({ coder: String(coder), start: Number(start), end: Number(end), value: String(value) }));
