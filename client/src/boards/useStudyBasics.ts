import { useEffect, useState } from 'react';
import { api, type Member, type Participant, type Study, type TranscriptMeta } from '../api';

export interface StudyBasics {
  study: Study;
  members: Member[];
  participants: Participant[];
  transcripts: TranscriptMeta[];
}

/** The study, its members, participants and transcripts, fetched once. */
export function useStudyBasics(studyId: string): { data: StudyBasics | null; error: string | null } {
  const [data, setData] = useState<StudyBasics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      api<{ study: Study }>('GET', `/api/studies/${studyId}`),
      api<{ members: Member[] }>('GET', `/api/studies/${studyId}/members`),
      api<{ participants: Participant[] }>('GET', `/api/studies/${studyId}/participants`),
      api<{ transcripts: TranscriptMeta[] }>('GET', `/api/studies/${studyId}/transcripts`),
    ])
      .then(([s, m, p, t]) => live && setData({ study: s.study, members: m.members, participants: p.participants, transcripts: t.transcripts }))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : 'cannot load the study'));
    return () => {
      live = false;
    };
  }, [studyId]);
  return { data, error };
}
