import { useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import type { RegionsState } from './DisagreementStrip';
import type { AgreementSettings } from './settings';
import type { AgreementResponse, DisagreementsResponse } from '../../../shared/agreement';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; status: number; message: string };

export function agreementPath(studyId: string, s: AgreementSettings): string {
  const q = new URLSearchParams({ unit: s.unit, rollup: String(s.rollup) });
  if (s.bootstrap > 0) {
    q.set('bootstrap', String(s.bootstrap));
    q.set('seed', String(s.seed));
  }
  if (s.transcripts) q.set('transcripts', s.transcripts.join(','));
  if (s.coders) q.set('coders', s.coders.join(','));
  return `/api/studies/${studyId}/agreement?${q}`;
}

/** The report for the current settings; a newer request wins over a slower older one. */
export function useAgreement(studyId: string, settings: AgreementSettings): Loadable<AgreementResponse> {
  const [result, setResult] = useState<Loadable<AgreementResponse>>({ state: 'loading' });
  const path = agreementPath(studyId, settings);
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    api<AgreementResponse>('GET', path).then(
      (data) => current && setResult({ state: 'ready', data }),
      (e: unknown) => current && setResult({ state: 'error', status: e instanceof ApiError ? e.status : 0, message: e instanceof Error ? e.message : 'cannot load the report' }),
    );
    return () => {
      current = false;
    };
  }, [path]);
  return result;
}

/**
 * Disagreement regions per transcript. They quote every coder's work, so the server refuses
 * them to callers who may not read every layer; that refusal is an expected state here.
 */
export function useRegions(transcriptIds: readonly string[], rollup: boolean, coders: readonly string[] | null): Record<string, RegionsState> {
  const [byId, setById] = useState<Record<string, RegionsState>>({});
  const key = transcriptIds.join(',');
  const coderKey = coders ? coders.join(',') : '';
  useEffect(() => {
    let current = true;
    setById(Object.fromEntries(transcriptIds.map((id) => [id, { state: 'loading' } as RegionsState])));
    for (const id of transcriptIds) {
      api<DisagreementsResponse>('GET', `/api/transcripts/${id}/disagreements?rollup=${rollup}${coderKey ? `&coders=${coderKey}` : ''}`).then(
        (r) => current && setById((prev) => ({ ...prev, [id]: { state: 'shown', regions: r.regions } })),
        (e: unknown) =>
          current &&
          setById((prev) => ({
            ...prev,
            [id]: {
              state: 'withheld',
              reason:
                e instanceof ApiError && e.status === 403
                  ? 'Where coders differ shows once this transcript is in reconciliation (blind coding keeps each layer private until then).'
                  : `Cannot load the disagreements: ${e instanceof Error ? e.message : 'error'}`,
            },
          })),
      );
    }
    return () => {
      current = false;
    };
    // Keyed on the ids' content, not the array's identity, so a re-render does not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, rollup, coderKey]);
  return byId;
}
