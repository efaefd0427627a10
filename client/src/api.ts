/** A thin fetch wrapper: JSON in and out, the API's error shape turned into ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText);
  return json as T;
}

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}
export interface Study {
  id: string;
  title: string;
  description: string;
  codingMode: 'open' | 'blind';
  terminology: { kind: '2022' | '2009' } | { kind: 'custom'; levels: string[] };
  lineWidth: number;
  recurrenceRule: { kind: 'fraction' | 'count'; value: number };
  codebookPhase: 'open' | 'locked' | 'final';
  /** Open mode: coders' new themes stay private until reveal (blind mode always does). */
  independentThemes: boolean;
  /** When the lead revealed the coders' private themes; null before. */
  themesRevealedAt: number | null;
  role: 'lead' | 'coder' | 'auditor' | null;
}
export interface Member {
  userId: string;
  name: string;
  email: string;
  role: 'lead' | 'coder' | 'auditor';
  /** Created by a project import; nobody has taken it over yet. */
  pending?: boolean;
}
export interface Participant {
  id: string;
  pseudonym: string;
  attributes: Record<string, string | number | boolean>;
}
export interface TranscriptMeta {
  id: string;
  participantId: string;
  title: string;
  phase: 'coding' | 'reconciling' | 'final';
  length: number;
  sha256: string;
  createdAt: number;
}
