import { useEffect, useState } from 'react';
import type { Line } from '../../../shared/transcript';
import { api, type Member, type Study } from '../api';

export interface LoadedTranscript {
  transcript: { id: string; studyId: string; title: string; phase: 'coding' | 'reconciling' | 'final'; sha256: string; participantId: string };
  text: string;
  lines: Line[];
  turns: Array<{ speaker: string | null; start: number; end: number }>;
}

export interface TranscriptLoad {
  data: LoadedTranscript | null;
  study: Study | null;
  members: Member[];
  error: string | null;
  /** Loads again (after a phase change, for instance). */
  reload: () => void;
}

/** The frozen transcript, its study and the study's members, fetched once per transcript. */
export function useTranscript(transcriptId: string): TranscriptLoad {
  const [data, setData] = useState<LoadedTranscript | null>(null);
  const [study, setStudy] = useState<Study | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    (async () => {
      const t = await api<LoadedTranscript>('GET', `/api/transcripts/${transcriptId}`);
      const [s, m] = await Promise.all([
        api<{ study: Study }>('GET', `/api/studies/${t.transcript.studyId}`),
        api<{ members: Member[] }>('GET', `/api/studies/${t.transcript.studyId}/members`),
      ]);
      if (!live) return;
      setData(t);
      setStudy(s.study);
      setMembers(m.members);
    })().catch((e: unknown) => live && setError(e instanceof Error ? e.message : 'cannot load the transcript'));
    return () => {
      live = false;
    };
  }, [transcriptId, round]);
  return { data, study, members, error, reload: () => setRound((r) => r + 1) };
}
