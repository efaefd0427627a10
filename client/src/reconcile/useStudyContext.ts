import { useCallback, useEffect, useState } from 'react';
import { api, type Member, type Participant, type Study, type TranscriptMeta } from '../api';

export interface StudyContext {
  study: Study;
  members: Member[];
  participants: Participant[];
  transcripts: TranscriptMeta[];
}

/**
 * The study a reconciliation view works in. A transcript-scoped view knows only its transcript
 * id, so the study is found through the transcript first.
 */
export function useStudyContext(scope: { studyId: string } | { transcriptId: string }) {
  const [ctx, setCtx] = useState<StudyContext | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scopeKey = 'studyId' in scope ? `s:${scope.studyId}` : `t:${scope.transcriptId}`;

  const load = useCallback(async () => {
    try {
      const sid = 'studyId' in scope ? scope.studyId : (await api<{ transcript: { studyId: string } }>('GET', `/api/transcripts/${scope.transcriptId}`)).transcript.studyId;
      const [s, m, p, t] = await Promise.all([
        api<{ study: Study }>('GET', `/api/studies/${sid}`),
        api<{ members: Member[] }>('GET', `/api/studies/${sid}/members`),
        api<{ participants: Participant[] }>('GET', `/api/studies/${sid}/participants`),
        api<{ transcripts: TranscriptMeta[] }>('GET', `/api/studies/${sid}/transcripts`),
      ]);
      setCtx({ study: s.study, members: m.members, participants: p.participants, transcripts: t.transcripts });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'cannot load the study');
    }
    // scopeKey stands for scope: the object itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scopeKey]);

  useEffect(() => {
    void load();
    // Phases change by another lead's command, which no document here carries (a coder cannot
    // even open a discussion before its reveal): re-read when the user comes back to the window.
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [load]);
  return { ctx, error, reload: load };
}
