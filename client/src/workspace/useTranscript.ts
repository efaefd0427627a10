import { useEffect, useState } from 'react';
import type { Line } from '../../../shared/transcript';
import { worksheetUrl } from '../../../shared/pageRoutes';
import type { Member, Study } from '../api';
import { takeEarly } from '../earlyData';

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

interface Loaded {
  t: LoadedTranscript;
  study: Study;
  members: Member[];
}

/**
 * One request (issue 16): the transcript, its study and its members, answered together. The first
 * load takes the early start's answer (earlyData.ts: asked with the sign-in check, handed over
 * only to the user it was asked for, at the address it was asked for, once; a failure as it is).
 */
async function load(transcriptId: string, userId: string): Promise<Loaded> {
  const { study, members, ...t } = await takeEarly<LoadedTranscript & { study: Study; members: Member[] }>(worksheetUrl(transcriptId), userId);
  return { t, study, members };
}

/** The frozen transcript, its study and the study's members, fetched once per transcript. */
export function useTranscript(transcriptId: string, userId: string): TranscriptLoad {
  const [data, setData] = useState<LoadedTranscript | null>(null);
  const [study, setStudy] = useState<Study | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load(transcriptId, userId)
      .then((l) => {
        if (!live) return;
        setData(l.t);
        setStudy(l.study);
        setMembers(l.members);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : 'cannot load the transcript'));
    return () => {
      live = false;
    };
  }, [transcriptId, userId, round]);
  return { data, study, members, error, reload: () => setRound((r) => r + 1) };
}
