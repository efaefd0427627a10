import { useEffect, useState } from 'react';
import type { Line } from '../../../shared/transcript';
import { worksheetUrl } from '../../../shared/pageRoutes';
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

interface Loaded {
  t: LoadedTranscript;
  study: Study;
  members: Member[];
}

/** One request (issue 16): the transcript, its study and its members, answered together. */
async function load(transcriptId: string): Promise<Loaded> {
  const { study, members, ...t } = await api<LoadedTranscript & { study: Study; members: Member[] }>('GET', worksheetUrl(transcriptId));
  return { t, study, members };
}

const early = new Map<string, Promise<Loaded>>();

/**
 * Starts loading a transcript before its page is shown (App calls it while the sign-in is still
 * being checked and the worksheet's code is still downloading); the page's first load takes it.
 */
export function preloadTranscript(transcriptId: string): void {
  const p = load(transcriptId);
  p.catch(() => undefined);
  early.set(transcriptId, p);
}

/** The preloaded answer, once; a failed preload (signed out then, say) is asked again. */
function takeLoad(transcriptId: string): Promise<Loaded> {
  const p = early.get(transcriptId);
  early.delete(transcriptId);
  return p ? p.catch(() => load(transcriptId)) : load(transcriptId);
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
    takeLoad(transcriptId)
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
  }, [transcriptId, round]);
  return { data, study, members, error, reload: () => setRound((r) => r + 1) };
}
