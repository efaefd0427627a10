import { api } from './api';

/**
 * GET answers asked for before React mounts (App.tsx `startEarly`), each taken at most once by
 * the page that would have asked for it. An answer is only handed over to the user it was asked
 * for (the early sign-in check says who that was) and only while the address is still the one it
 * was asked for; otherwise the page asks again. A failed answer is handed over as it is, so the
 * page shows the same error its own request would have (docs/benchmarks.md, issue 15).
 */
interface Early {
  path: string;
  userId: Promise<string | null>;
  answer: Promise<unknown>;
}
const early = new Map<string, Early>();

/** Starts `GET url` for the page at `path`, on behalf of the user `userId` resolves to. */
export function prefetchGet(url: string, path: string, userId: Promise<string | null>): void {
  const answer = api<unknown>('GET', url);
  answer.catch(() => undefined);
  userId.catch(() => undefined);
  early.set(url, { path, userId, answer });
}

/** The early answer to `GET url` if it was asked for this user at this address, else `GET url` now. */
export function takeEarly<T>(url: string, userId: string): Promise<T> {
  const e = early.get(url);
  early.delete(url);
  if (!e || e.path !== window.location.pathname) return api<T>('GET', url);
  return e.userId.then(
    (id) => (id === userId ? (e.answer as Promise<T>) : api<T>('GET', url)),
    () => api<T>('GET', url),
  );
}

/** Forgets every early answer (signing out or in: none may reach another session). */
export function dropEarly(): void {
  early.clear();
}
