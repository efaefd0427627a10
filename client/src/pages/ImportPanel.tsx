import { useState } from 'react';
import { ApiError, api, type Participant } from '../api';
import { type Candidate, IdentifierReview, decisionsOf } from './IdentifierReview';

interface Preview {
  fileName: string;
  kind: string;
  suggestedPseudonym: string;
  preview: { lines: Array<{ n: number; text: string }>; speakers: Array<{ name: string; turns: number }>; lineCount: number };
  pseudonymisation?: { candidates: Candidate[] };
}

interface Pending {
  file: File;
  data: string;
  preview: Preview | null;
  error: string | null;
  pseudonym: string;
  candidates: Candidate[];
  done: boolean;
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Upload transcripts: each file is previewed (numbered lines, speakers found) before anything is
 * stored, with its candidate identifiers for the lead to review; each is imported on its own, so one bad file never blocks the others.
 */
export function ImportPanel(props: { studyId: string; participants: Participant[]; onChange: () => Promise<void> }) {
  const [pending, setPending] = useState<Pending[]>([]);
  const patch = (i: number, p: Partial<Pending>) => setPending((all) => all.map((x, j) => (j === i ? { ...x, ...p } : x)));

  const choose = async (files: FileList | null) => {
    if (!files) return;
    const items: Pending[] = [];
    for (const file of Array.from(files)) items.push({ file, data: await toBase64(file), preview: null, error: null, pseudonym: '', candidates: [], done: false });
    setPending(items);
    items.forEach(async (item, i) => {
      try {
        const preview = await api<Preview>('POST', `/api/studies/${props.studyId}/transcripts/preview`, { name: item.file.name, data: item.data });
        patch(i, { preview, pseudonym: preview.suggestedPseudonym, candidates: preview.pseudonymisation?.candidates ?? [] });
      } catch (e) {
        patch(i, { error: e instanceof ApiError ? e.message : 'could not read the file' });
      }
    });
  };

  const importOne = async (i: number) => {
    const item = pending[i]!;
    try {
      await api('POST', `/api/studies/${props.studyId}/transcripts/import`, { name: item.file.name, data: item.data, pseudonym: item.pseudonym, pseudonymise: decisionsOf(item.candidates) });
      patch(i, { done: true });
      await props.onChange();
    } catch (e) {
      patch(i, { error: e instanceof ApiError ? e.message : 'import failed' });
    }
  };

  return (
    <section className="card" aria-label="import transcripts">
      <h3>Import transcript files</h3>
      <p className="muted small">.txt, .md, .docx, .vtt or .srt; speakers are found from “Name:” prefixes or subtitle voices. Check the preview, then import.</p>
      <input type="file" multiple accept=".txt,.md,.docx,.vtt,.srt" aria-label="transcript files" onChange={(e) => void choose(e.target.files)} />
      {pending.map((item, i) => (
        <div key={item.file.name + i} className="import-item">
          <h4>{item.file.name}</h4>
          {item.error && <p className="error" role="alert">{item.error}</p>}
          {item.preview && !item.done && (
            <>
              <p className="small">
                {item.preview.preview.lineCount} lines · speakers: {item.preview.preview.speakers.map((s) => `${s.name} (${s.turns})`).join(', ') || 'none found'}
              </p>
              <ol className="transcript preview">
                {item.preview.preview.lines.map((l) => (
                  <li key={l.n} className="line"><span className="ln">{l.n}</span><span className="lt">{l.text || '\u00a0'}</span></li>
                ))}
              </ol>
              <IdentifierReview fileName={item.file.name} candidates={item.candidates} onChange={(candidates) => patch(i, { candidates })} />
              <label>
                Participant
                <input list={`participants-${i}`} value={item.pseudonym} onChange={(e) => patch(i, { pseudonym: e.target.value })} aria-label={`participant for ${item.file.name}`} />
                <datalist id={`participants-${i}`}>{props.participants.map((p) => <option key={p.id} value={p.pseudonym} />)}</datalist>
              </label>
              <button onClick={() => void importOne(i)} disabled={!item.pseudonym.trim()}>Import {item.file.name}</button>
            </>
          )}
          {item.done && <p className="notice">Imported.</p>}
        </div>
      ))}
    </section>
  );
}
