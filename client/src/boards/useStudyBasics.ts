import { useEffect, useState } from 'react';
import type { Member, Participant, Study, TranscriptMeta } from '../api';
import { takeEarly } from '../earlyData';
import { studyBasicsUrls } from '../../../shared/pageRoutes';

export interface StudyBasics {
  study: Study;
  members: Member[];
  participants: Participant[];
  transcripts: TranscriptMeta[];
}

/** The study, its members, participants and transcripts, fetched once (or taken from the early start, for `userId`). */
export function useStudyBasics(studyId: string, userId: string): { data: StudyBasics | null; error: string | null } {
  const [data, setData] = useState<StudyBasics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const [su, mu, pu, tu] = studyBasicsUrls(studyId);
    Promise.all([takeEarly<{ study: Study }>(su, userId), takeEarly<{ members: Member[] }>(mu, userId), takeEarly<{ participants: Participant[] }>(pu, userId), takeEarly<{ transcripts: TranscriptMeta[] }>(tu, userId)])
      .then(([s, m, p, t]) => live && setData({ study: s.study, members: m.members, participants: p.participants, transcripts: t.transcripts }))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : 'cannot load the study'));
    return () => {
      live = false;
    };
  }, [studyId, userId]);
  return { data, error };
}
