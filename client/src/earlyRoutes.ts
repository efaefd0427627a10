import { PAGE_ROUTES, type PageModule } from '../../shared/pageRoutes';

/**
 * The pages whose code and data start with the sign-in check (App.tsx `startEarly`), from the
 * table the server's page hints read too (shared/pageRoutes.ts): an address pattern, the page's
 * chunk, and the GETs the page makes first. `prefetch(url)` asks for one GET the page later takes
 * with `takeEarly(url, me.id)` (earlyData.ts), the worksheet's and the case board's included
 * (useTranscript.ts).
 */
export interface EarlyRoute {
  pattern: RegExp;
  chunk: () => Promise<unknown>;
  data: (match: RegExpExecArray, prefetch: (url: string) => void) => void;
}

/** Each page's chunk (a Record over every page the table names, so none can be left out). */
const chunks: Record<PageModule, () => Promise<unknown>> = {
  'src/workspace/Workspace.tsx': () => import('./workspace/Workspace'),
  'src/boards/CaseBoardPage.tsx': () => import('./boards/CaseBoardPage'),
  'src/boards/GroupBoardPage.tsx': () => import('./boards/GroupBoardPage'),
  'src/codebook/CodebookReconcilePage.tsx': () => import('./codebook/CodebookReconcilePage'),
  'src/tables/TableOfThemesPage.tsx': () => import('./tables/TableOfThemesPage'),
};

export const earlyRoutes: readonly EarlyRoute[] = PAGE_ROUTES.map((r) => ({
  pattern: r.pattern,
  chunk: chunks[r.page],
  data: (m, prefetch) => {
    const id = m[1]!;
    for (const url of r.data(id)) prefetch(url);
  },
}));
