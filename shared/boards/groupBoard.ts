import type { Theme, ThemeTree } from '../themes';
import { type BoardTerms, boardTerms } from './boardTerms';

/** A PET as a card on the group board. */
export interface PetCard {
  theme: Theme;
  caseId: string;
  /** The participant (pseudonym) of the case; the case id when the caller does not know it. */
  participant: string;
}

/** A group experiential theme or one of its sub-themes, with the PETs placed in it. */
export interface GroupCluster {
  theme: Theme;
  pets: PetCard[];
  subs: GroupCluster[];
  /** Participants contributing (a PET of theirs sits in it or in one of its sub-themes), sorted. */
  participants: string[];
}

export interface GroupBoard {
  terms: BoardTerms;
  scope: string | null;
  gets: GroupCluster[];
  /** PETs in no GET yet, in tree order. */
  unplaced: PetCard[];
  /** How many cases have at least one PET in this scope. */
  cases: number;
}

/**
 * The board across participants (issue 15 item 4): the PETs of every case in one scope (a coder's
 * private codebook in a blind study, the shared codebook once cases are reconciled) as cards,
 * clustered into group experiential themes. A GET is a live top-level theme of the scope without
 * a case; its sub-themes are its children without a case; a PET is placed in a GET by being its
 * (or its sub-theme's) child in the tree, so the board and the coding view are one tree.
 */
export function readGroupBoard(tree: ThemeTree, scope: string | null, participantOf: (caseId: string) => string | undefined): GroupBoard {
  const live = (t: Theme | undefined): t is Theme => t !== undefined && t.owner === scope && t.status !== 'retired';
  const isPet = (t: Theme) => t.caseId !== null && !(t.parentId !== null && tree.byId.get(t.parentId)?.caseId === t.caseId);
  const card = (t: Theme): PetCard => ({ theme: t, caseId: t.caseId!, participant: participantOf(t.caseId!) ?? t.caseId! });
  const cluster = (t: Theme): GroupCluster => {
    const kids = tree.childrenOf(t.id).filter(live);
    const pets = kids.filter(isPet).map(card);
    const subs = kids.filter((k) => k.caseId === null).map(cluster);
    const participants = new Set([...pets.map((p) => p.participant), ...subs.flatMap((s) => s.participants)]);
    return { theme: t, pets, subs, participants: [...participants].sort() };
  };
  const gets = tree.roots.filter((t) => live(t) && t.caseId === null).map(cluster);
  const unplaced = tree.themes.filter((t) => live(t) && t.caseId !== null && isPet(t) && (t.parentId === null || !live(tree.byId.get(t.parentId)))).map(card);
  const cases = new Set(tree.themes.filter((t) => live(t) && t.caseId !== null).map((t) => t.caseId)).size;
  return { terms: boardTerms(tree.levels), scope, gets, unplaced, cases };
}
