/**
 * The cycles of a functional graph (every node has at most one successor, as with `parentId` and
 * `mergedInto`), each listed from the node where the walk entered it. Nodes are visited in the
 * order given, so sorted input gives the same output on every client whatever order the Y.Map
 * happens to iterate in.
 */
export function findCycles(nodes: readonly string[], next: (node: string) => string | undefined): string[][] {
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of nodes) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = next(at);
    }
    const entry = at === undefined ? undefined : onPath.get(at);
    if (entry !== undefined) cycles.push(path.slice(entry));
    for (const node of path) done.add(node);
  }
  return cycles;
}

/** The smallest and greatest string of a non-empty list, by code unit order (what `<` does). */
export function smallest(ids: readonly string[]): string {
  return ids.reduce((a, b) => (b < a ? b : a));
}

export function greatest(ids: readonly string[]): string {
  return ids.reduce((a, b) => (b > a ? b : a));
}
