/**
 * The pages whose code and first GETs start before the page has mounted (issues 15 and 16, first
 * paint), in one table both sides read: the client's early start (client/src/earlyRoutes.ts) asks
 * for them with the sign-in check, and the server's app shell names them in its <head> so the
 * browser asks while parsing the HTML (server/http/pageHints.ts). Each entry: the address, the
 * page's module as the client build's manifest names it, and the GETs the page makes first.
 */

/** The sign-in check every page starts with (client/src/App.tsx checkSignIn). */
export const SIGN_IN_URLS = ['/api/auth/status', '/api/auth/me'] as const;

/** The worksheet's one request: transcript, study and members (client/src/workspace/useTranscript.ts). */
export const worksheetUrl = (transcriptId: string) => `/api/transcripts/${transcriptId}/worksheet`;
/** The four GETs of a study's basics (client/src/boards/useStudyBasics.ts). */
export const studyBasicsUrls = (studyId: string) => [`/api/studies/${studyId}`, `/api/studies/${studyId}/members`, `/api/studies/${studyId}/participants`, `/api/studies/${studyId}/transcripts`] as const;
export const codebookReconciliationUrl = (studyId: string) => `/api/studies/${studyId}/codebook/reconciliation`;
/**
 * Extracts, and statements, a cell of the table of themes shows before "n more" (the screen asks
 * the server for this many of each per cell, `perCell`, and for a cell's others when opened).
 */
export const TABLE_SHOWN_PER_CELL = 2;
/** The table of themes' first two GETs in its default view: the screen's page of the table, and the study (the reader's role). */
export const tableOfThemesUrls = (studyId: string) => [`/api/studies/${studyId}/themes/table?format=json&perCell=${TABLE_SHOWN_PER_CELL}`, `/api/studies/${studyId}`] as const;

/** A page's module as the client build's manifest names it (client/vite.config.ts root). */
export type PageModule = 'src/workspace/Workspace.tsx' | 'src/boards/CaseBoardPage.tsx' | 'src/boards/GroupBoardPage.tsx' | 'src/codebook/CodebookReconcilePage.tsx' | 'src/tables/TableOfThemesPage.tsx';

export interface PageRoute {
  /** The address; its first group is the id the GETs are built from (a plain id only). */
  readonly pattern: RegExp;
  readonly page: PageModule;
  readonly data: (id: string) => readonly string[];
}

export const PAGE_ROUTES: readonly PageRoute[] = [
  { pattern: /^\/transcripts\/([\w-]+)$/, page: 'src/workspace/Workspace.tsx', data: (tid) => [worksheetUrl(tid)] },
  { pattern: /^\/transcripts\/([\w-]+)\/board$/, page: 'src/boards/CaseBoardPage.tsx', data: (tid) => [worksheetUrl(tid)] },
  { pattern: /^\/studies\/([\w-]+)\/boards$/, page: 'src/boards/GroupBoardPage.tsx', data: studyBasicsUrls },
  { pattern: /^\/studies\/([\w-]+)\/codebook$/, page: 'src/codebook/CodebookReconcilePage.tsx', data: (sid) => [codebookReconciliationUrl(sid)] },
  { pattern: /^\/studies\/([\w-]+)\/table$/, page: 'src/tables/TableOfThemesPage.tsx', data: tableOfThemesUrls },
];
