/** A thin fetch wrapper: JSON in and out, the API's error shape turned into ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details` (e.g. the consequences an erasure asks to confirm). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** `T` is the answer's type (shared/types.ts and the shared modules): there is no default, say what you expect. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText, json?.error?.details);
  return json as T;
}

export type { Member, Participant, Study, TranscriptMeta, User } from '../../shared/types';
