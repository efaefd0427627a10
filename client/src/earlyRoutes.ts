import { preloadTranscript } from './workspace/useTranscript';

/**
 * The pages whose code and data start with the sign-in check (App.tsx `startEarly`): an address
 * pattern, the page's chunk, and the GETs the page makes first. `prefetch(url)` asks for one GET
 * the page later takes with `takeEarly(url, me.id)` (earlyData.ts); the worksheet keeps its own
 * preload (useTranscript.ts), which the case board shares.
 */
export interface EarlyRoute {
  pattern: RegExp;
  chunk: () => Promise<unknown>;
  data?: (match: RegExpExecArray, prefetch: (url: string) => void) => void;
}

/** The four GETs of a study's basics (boards/useStudyBasics.ts). */
export const studyBasicsUrls = (studyId: string) => [`/api/studies/${studyId}`, `/api/studies/${studyId}/members`, `/api/studies/${studyId}/participants`, `/api/studies/${studyId}/transcripts`] as const;
export const codebookReconciliationUrl = (studyId: string) => `/api/studies/${studyId}/codebook/reconciliation`;

export const earlyRoutes: readonly EarlyRoute[] = [
  { pattern: /^\/transcripts\/([\w-]+)$/, chunk: () => import('./workspace/Workspace'), data: (m) => preloadTranscript(m[1]!) },
  { pattern: /^\/transcripts\/([\w-]+)\/board$/, chunk: () => import('./boards/CaseBoardPage'), data: (m) => preloadTranscript(m[1]!) },
  { pattern: /^\/studies\/([\w-]+)\/boards$/, chunk: () => import('./boards/GroupBoardPage'), data: (m, prefetch) => studyBasicsUrls(m[1]!).forEach(prefetch) },
  { pattern: /^\/studies\/([\w-]+)\/codebook$/, chunk: () => import('./codebook/CodebookReconcilePage'), data: (m, prefetch) => prefetch(codebookReconciliationUrl(m[1]!)) },
  { pattern: /^\/studies\/([\w-]+)\/table$/, chunk: () => import('./tables/TableOfThemesPage') },
];
