import { guidFor } from './guid';

/**
 * The REFI-QDA user that stands for a transcript's consensus layer in Concord's exports. Its GUID
 * is fixed, so an import recognises its own exports' consensus layer by GUID; a user who merely
 * calls themselves "Consensus" in another tool stays an ordinary coder.
 */
export const CONSENSUS_USER = { guid: guidFor('user', 'concord-consensus'), name: 'Consensus' } as const;
