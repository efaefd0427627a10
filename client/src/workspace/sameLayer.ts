import type { Layer } from '../../../shared/coding';

/** `next`, with `prev`'s lists kept where they hold the same records (by identity), and `prev` itself when all do. */
export function sameLayer(prev: Layer | undefined, next: Layer): Layer {
  if (!prev) return next;
  const codings = sameList(prev.codings, next.codings);
  const notes = sameList(prev.notes, next.notes);
  const statements = sameList(prev.statements, next.statements);
  const problems = sameList(prev.problems, next.problems);
  if (codings === prev.codings && notes === prev.notes && statements === prev.statements && problems === prev.problems) return prev;
  return { codings, notes, statements, problems };
}

function sameList<T>(a: readonly T[], b: readonly T[]): readonly T[] {
  return a.length === b.length && a.every((x, i) => x === b[i]) ? a : b;
}
