/** A table answer, bare or wrapped as `{ table }` (the contract names the routes, not the wrapper). */
export const unwrapTable = <T>(r: unknown): T => ((r as { table?: T }).table ?? r) as T;
