import { useEffect, useState } from 'react';
import { api, type TranscriptMeta } from '../api';
import { Link } from '../router';

interface Loaded {
  transcript: TranscriptMeta & { studyId: string };
  text: string;
  lines: Array<{ n: number; start: number; end: number }>;
  turns: Array<{ speaker: string | null; start: number; end: number }>;
}

export function TranscriptPage({ transcriptId }: { transcriptId: string }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Loaded>('GET', `/api/transcripts/${transcriptId}`).then(setData, (e: unknown) => setError(e instanceof Error ? e.message : 'cannot load'));
  }, [transcriptId]);
  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!data) return <div className="page">Loading…</div>;
  const turnStarts = new Map(data.turns.map((t) => [t.start, t.speaker]));
  return (
    <div className="page">
      <p className="crumbs"><Link to={`/studies/${data.transcript.studyId}`}>Study</Link> /</p>
      <h1>{data.transcript.title}</h1>
      <p className="muted">
        {data.lines.length} lines · phase <span className={`phase ${data.transcript.phase}`}>{data.transcript.phase}</span> · SHA-256 <code>{data.transcript.sha256.slice(0, 12)}…</code>
      </p>
      <ol className="transcript" aria-label="transcript lines">
        {data.lines.map((l) => {
          const speaker = [...turnStarts.entries()].find(([start]) => start >= l.start && start < Math.max(l.end, l.start + 1))?.[1];
          return (
            <li key={l.n} className={speaker ? 'line turn-start' : 'line'} data-line={l.n}>
              <span className="ln" aria-hidden>{l.n}</span>
              <span className="lt">{data.text.slice(l.start, l.end) || '\u00a0'}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
