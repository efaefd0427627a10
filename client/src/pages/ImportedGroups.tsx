import { useEffect, useState } from 'react';
import { api } from '../api';
import type { StudyGroup } from '../../../shared/refi/interchangeApi';
import { Link } from '../router';

const plural = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun}s`}`;

/**
 * The Sets of the file a study was imported from (code groups and document groups), shown
 * read-only beside the themes or the transcripts (issue 17 item 2). Concord does not edit them:
 * they go back out with the project export as the file wrote them. Nothing is shown for a study
 * without any.
 */
export function ImportedGroups(props: { studyId: string; kind: 'themes' | 'transcripts'; onPickTheme?: (id: string) => void }) {
  const { studyId, kind, onPickTheme } = props;
  const [groups, setGroups] = useState<StudyGroup[]>([]);
  useEffect(() => {
    void api<{ groups: StudyGroup[] }>('GET', `/api/studies/${studyId}/groups`).then((r) => setGroups(r.groups), () => setGroups([]));
  }, [studyId]);
  const shown = groups.filter((g) => g[kind].length > 0);
  if (shown.length === 0) return null;
  const title = kind === 'themes' ? 'Theme groups' : 'Transcript groups';
  return (
    <section className="imported-groups" aria-label={title.toLowerCase()}>
      <h3>{title}</h3>
      <p className="muted small">From the imported file (its Sets), read-only: the project export writes them back unchanged.</p>
      <ul>
        {shown.map((g) => (
          <li key={g.guid} data-group={g.guid}>
            <strong>{g.name}</strong> <span className="muted small">{plural(g[kind].length, kind === 'themes' ? 'theme' : 'transcript')}{g.missing > 0 && ` · ${g.missing} not in this study`}</span>
            {g.description && <div className="muted small">{g.description}</div>}
            <div className="group-members">
              {kind === 'transcripts' && g.transcripts.map((t) => <Link key={t.id} to={`/transcripts/${t.id}`}>{t.title}</Link>)}
              {kind === 'themes' && g.themes.map((t) => (onPickTheme ? <button key={t.id} className="link" onClick={() => onPickTheme(t.id)}>{t.label}</button> : <span key={t.id}>{t.label}</span>))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
