/** Dates in the reader's locale; audit readers compare minutes, not milliseconds. */
export const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
