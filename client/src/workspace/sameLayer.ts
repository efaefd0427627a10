import type { Layer } from '../../../shared/coding';
import { keepSameElements } from '../components/sameElements';

/** `next`, with `prev`'s lists kept where they hold the same records (by identity), and `prev` itself when all do. */
export function sameLayer(prev: Layer | undefined, next: Layer): Layer {
  if (!prev) return next;
  const codings = keepSameElements(prev.codings, next.codings);
  const notes = keepSameElements(prev.notes, next.notes);
  const statements = keepSameElements(prev.statements, next.statements);
  const problems = keepSameElements(prev.problems, next.problems);
  if (codings === prev.codings && notes === prev.notes && statements === prev.statements && problems === prev.problems) return prev;
  return { codings, notes, statements, problems };
}
