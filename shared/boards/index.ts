export { boardTerms, type BoardTerms } from './boardTerms';
export { readCaseBoard, type CaseBoard, type CaseCluster } from './caseBoard';
export { readGroupBoard, type GroupBoard, type GroupCluster, type PetCard } from './groupBoard';
export { addCluster, addGroupTheme, moveCard, placePet, reorderTheme, type NewCluster } from './boardOps';
export { boardScope } from './boardScope';
export type { BoardCardJson, BoardThemeJson, CaseBoardResponse, CaseClusterJson, GroupBoardResponse, GroupClusterJson, PetCardJson } from './boardTypes';
