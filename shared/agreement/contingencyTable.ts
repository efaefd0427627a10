import type { ReliabilityData, Value } from './reliabilityData';
import { sortedValues } from './reliabilityData';

/**
 * A q x q table of counts for two coders: cell [i * q + j] = units that coder 1 put in category i
 * and coder 2 in category j. Only units both coders valued are counted.
 */
export interface ContingencyTable {
  readonly q: number;
  readonly cells: Float64Array;
}

export function contingencyTable(q: number, cells: ArrayLike<number>): ContingencyTable {
  if (cells.length !== q * q) throw new RangeError(`a ${q}x${q} table needs ${q * q} cells, got ${cells.length}`);
  return { q, cells: Float64Array.from(cells) };
}

/** Cross-tabulates columns a and b of a reliability data matrix. */
export function tableFromData(data: ReliabilityData, a: number, b: number, values: readonly Value[] = sortedValues(data)): ContingencyTable {
  const q = values.length;
  const index = new Map<Value, number>();
  values.forEach((v, i) => index.set(v, i));
  const cells = new Float64Array(q * q);
  for (const row of data.units) {
    const va = row[a];
    const vb = row[b];
    if (va === null || va === undefined || vb === null || vb === undefined) continue;
    const i = index.get(va);
    const j = index.get(vb);
    if (i === undefined || j === undefined) continue;
    cells[i * q + j] = (cells[i * q + j] ?? 0) + 1;
  }
  return { q, cells };
}

export interface TableSummary {
  readonly total: number;
  /** Proportion of units on the diagonal. */
  readonly observed: number;
  readonly rows: Float64Array;
  readonly columns: Float64Array;
}

export function summarizeTable(table: ContingencyTable): TableSummary {
  const { q, cells } = table;
  const rows = new Float64Array(q);
  const columns = new Float64Array(q);
  let total = 0;
  let diagonal = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const v = cells[i * q + j] ?? 0;
      rows[i] = (rows[i] ?? 0) + v;
      columns[j] = (columns[j] ?? 0) + v;
      total += v;
      if (i === j) diagonal += v;
    }
  }
  return { total, observed: total > 0 ? diagonal / total : 0, rows, columns };
}
