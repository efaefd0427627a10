import type { BoardTerms } from './boardTerms';

/** The REST answers of the clustering boards (types only, so the client may import them). */
export interface BoardThemeJson {
  id: string;
  label: string;
  color: string;
  levelName: string;
}

export interface CaseClusterJson extends BoardThemeJson {
  cards: string[];
  subs: CaseClusterJson[];
}

export interface BoardCardJson {
  id: string;
  text: string;
  lineRange: string;
  quote: string;
  themeIds: string[];
}

export interface CaseBoardResponse {
  transcript: { id: string; title: string; participant: string };
  coder: string;
  scope: string | null;
  terms: BoardTerms;
  cards: BoardCardJson[];
  clusters: CaseClusterJson[];
  unclustered: string[];
}

export interface PetCardJson extends BoardThemeJson {
  caseId: string;
  participant: string;
}

export interface GroupClusterJson extends BoardThemeJson {
  pets: PetCardJson[];
  subs: GroupClusterJson[];
  participants: string[];
}

export interface GroupBoardResponse {
  scope: string | null;
  terms: BoardTerms;
  gets: GroupClusterJson[];
  unplaced: PetCardJson[];
  cases: number;
}
