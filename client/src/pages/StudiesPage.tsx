import { useEffect, useState } from 'react';
import { api, type Study } from '../api';
import { ErrorText, useSubmit } from '../components/Form';
import { Link, navigate } from '../router';
import { ProjectImportPanel } from './InterchangePanel';
import { MyInvitations } from './MyInvitations';

export function StudiesPage() {
  const [studies, setStudies] = useState<Study[] | null>(null);
  const [title, setTitle] = useState('');
  const [codingMode, setCodingMode] = useState<'blind' | 'open'>('blind');
  const loadStudies = () => void api<{ studies: Study[] }>('GET', '/api/studies').then((r) => setStudies(r.studies));
  useEffect(loadStudies, []);
  const { onSubmit, error, busy } = useSubmit(async () => {
    const r = await api<{ study: Study }>('POST', '/api/studies', { title, codingMode });
    navigate(`/studies/${r.study.id}`);
  });
  return (
    <div className="page">
      <h1>Studies</h1>
      <MyInvitations onJoined={loadStudies} />
      {studies === null ? (
        <p>Loading…</p>
      ) : studies.length === 0 ? (
        <p className="muted">No studies yet. Start one below; you will be its lead.</p>
      ) : (
        <ul className="cards" aria-label="studies">
          {studies.map((s) => (
            <li key={s.id} className="card">
              <Link to={`/studies/${s.id}`}>{s.title}</Link>
              <div className="muted small">
                {s.role ?? 'admin'} · {s.codingMode} coding · codebook {s.codebookPhase}
              </div>
            </li>
          ))}
        </ul>
      )}
      <form className="card inline-form" onSubmit={onSubmit} aria-label="new study">
        <h2>New study</h2>
        <label>
          Title
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label>
          Coding mode
          <select name="codingMode" value={codingMode} onChange={(e) => setCodingMode(e.target.value as 'blind' | 'open')}>
            <option value="blind">Blind: coders cannot see each other until reconciliation</option>
            <option value="open">Open: coders see each other live</option>
          </select>
        </label>
        <ErrorText error={error} />
        <button type="submit" disabled={busy}>Create study</button>
      </form>
      <ProjectImportPanel />
    </div>
  );
}
