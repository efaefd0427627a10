import { useCallback, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { PROPOSALS_SIGNAL_MAP, type ThemeProposal } from '../../../../shared/themes';
import { api } from '../../api';

export interface Proposals {
  list: ThemeProposal[];
  decide: (id: string, decision: 'accept' | 'decline') => Promise<void>;
  error: string | null;
}

/**
 * The proposals this user may read (all of them for a lead, their own for a coder), live: the
 * server bumps a signal in the codebook document whenever a proposal is made or decided
 * (server/commands/themes/proposals.ts), and the list is fetched again when it moves. The
 * content itself only travels over REST, to those the REST door lets read it.
 */
export function useProposals(studyId: string | null, codebook: Y.Doc | null, enabled: boolean): Proposals {
  const [list, setList] = useState<ThemeProposal[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [rev, setRev] = useState(0);
  useEffect(() => {
    if (!codebook) return;
    const signal = codebook.getMap(PROPOSALS_SIGNAL_MAP);
    const bump = () => setRev((r) => r + 1);
    signal.observe(bump);
    return () => signal.unobserve(bump);
  }, [codebook]);
  useEffect(() => {
    if (!studyId || !enabled) return;
    let live = true;
    api<{ proposals: ThemeProposal[] }>('GET', `/api/studies/${studyId}/theme-proposals`)
      .then((r) => live && (setList(r.proposals), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : 'could not load the proposals'));
    return () => {
      live = false;
    };
  }, [studyId, enabled, rev]);
  const decide = useCallback(
    async (id: string, decision: 'accept' | 'decline') => {
      if (!studyId) return;
      await api('POST', `/api/studies/${studyId}/theme-proposals/${id}/${decision}`, {});
      setRev((r) => r + 1);
    },
    [studyId],
  );
  // One object while nothing changes: the theme panel is memoised on it.
  return useMemo(() => ({ list, decide, error }), [list, decide, error]);
}
