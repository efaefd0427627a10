/**
 * Notifications that someone's rights may have changed. Commands emit them after their
 * transaction commits; the collaboration server re-decides access for the affected
 * connections and closes those whose access changed with 4205 (house style rule 7).
 */
export type RightsChange =
  | { kind: 'study'; studyId: string } // coding mode, codebook phase, membership or role
  | { kind: 'transcript'; transcriptId: string } // transcript phase
  | { kind: 'session'; sessionId: string } // logout: that session's connections end
  | { kind: 'user'; userId: string } // password change: all of the user's sessions end
  // Changes may have been missed (a cluster node's listener reconnected): re-decide everything.
  | { kind: 'all' };

export type RightsListener = (change: RightsChange) => void;

export class RightsBus {
  readonly #listeners = new Set<RightsListener>();

  subscribe(listener: RightsListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(change: RightsChange): void {
    for (const l of this.#listeners) l(change);
  }
}
