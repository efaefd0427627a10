import type { Statement } from '../coding';
import type { Theme, ThemeTree } from '../themes';
import { type BoardTerms, boardTerms } from './boardTerms';

/** A cluster on a participant's board: a PET, or one of its sub-themes, with its cards. */
export interface CaseCluster {
  theme: Theme;
  /** Statement ids in the cluster, in transcript order (by start, end, id). */
  cards: string[];
  /** Sub-themes of a PET (empty for a sub-theme). */
  subs: CaseCluster[];
}

export interface CaseBoard {
  terms: BoardTerms;
  caseId: string;
  /** Whose codebook the clusters live in: a coder's private codebook, or null (the shared one). */
  scope: string | null;
  /** The coder's statements of this transcript, in transcript order. */
  statements: Statement[];
  /** The PETs of this case in this scope, in tree order. */
  clusters: CaseCluster[];
  /** Statements in no cluster of this board. */
  unclustered: string[];
}

/**
 * One coder's clustering board for one case (issue 15 item 4): the coder's experiential
 * statements as cards, clustered into that case's personal experiential themes. Pure: the server
 * view and the browser read the same documents through this one function.
 *
 * A cluster is a live theme whose `caseId` is this case, in the board's scope (the private
 * codebook of `scope`, or the shared codebook for null). A PET is such a theme whose parent is
 * not one (it may sit in a GET); its children of the same case are its sub-themes. A card sits in
 * every cluster its statement links to (`themeIds`, through merges), so one statement may sit in
 * several PETs.
 */
export function readCaseBoard(tree: ThemeTree, statements: readonly Statement[], caseId: string, scope: string | null): CaseBoard {
  const inBoard = (t: Theme | undefined): t is Theme => t !== undefined && t.caseId === caseId && t.owner === scope && t.status !== 'retired';
  const sorted = [...statements].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const members = new Map<string, string[]>();
  const clustered = new Set<string>();
  for (const s of sorted) {
    for (const raw of new Set(s.themeIds.map(tree.resolve))) {
      if (!inBoard(tree.byId.get(raw))) continue;
      const list = members.get(raw);
      if (list) list.push(s.id);
      else members.set(raw, [s.id]);
      clustered.add(s.id);
    }
  }
  const cluster = (theme: Theme, deep: boolean): CaseCluster => ({
    theme,
    cards: members.get(theme.id) ?? [],
    subs: deep ? tree.childrenOf(theme.id).filter(inBoard).map((t) => cluster(t, false)) : [],
  });
  const pets = tree.themes.filter((t) => inBoard(t) && !inBoard(t.parentId === null ? undefined : tree.byId.get(t.parentId)));
  return {
    terms: boardTerms(tree.levels),
    caseId,
    scope,
    statements: sorted,
    clusters: pets.map((t) => cluster(t, true)),
    unclustered: sorted.filter((s) => !clustered.has(s.id)).map((s) => s.id),
  };
}
