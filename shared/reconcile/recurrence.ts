import { DEFAULT_RECURRENCE_RULE, type RecurrenceRule } from '../domain';

/**
 * How many of `participants` must show a theme for it to recur. A fraction is "at least that
 * share", rounded up (half of 5 participants is 3), and never less than one participant.
 */
export function requiredParticipants(rule: RecurrenceRule | null | undefined, participants: number): number {
  const r = rule ?? DEFAULT_RECURRENCE_RULE;
  if (r.kind === 'count') return Math.max(1, Math.ceil(r.value));
  // The epsilon keeps 0.3 * 10 (= 3.0000000000000004 in floating point) from requiring 4.
  return Math.max(1, Math.ceil(r.value * participants - 1e-9));
}

export function describeRule(rule: RecurrenceRule | null | undefined): string {
  const r = rule ?? DEFAULT_RECURRENCE_RULE;
  if (r.kind === 'count') return `present for at least ${r.value} participant${r.value === 1 ? '' : 's'}`;
  return r.value === 0.5 ? 'present for at least half of the participants' : `present for at least ${Math.round(r.value * 1000) / 10}% of the participants`;
}
