import { useCallback, useEffect, useState } from 'react';
import { api, type Member, type Participant, type Study, type TranscriptMeta } from '../api';
import { ErrorText, useSubmit } from '../components/Form';
import { Link } from '../router';
import { SettingsPanel } from './SettingsPanel';
import { MembersPanel } from './MembersPanel';
import { ImportPanel } from './ImportPanel';
import { InterchangePanel } from './InterchangePanel';
import { ImportedGroups } from './ImportedGroups';
import { RetentionPanel } from './RetentionPanel';
import { type StudyPrivacy, retentionPhrase } from './retention';

type Tab = 'transcripts' | 'members' | 'settings';

export function StudyPage({ studyId }: { studyId: string }) {
  const [study, setStudy] = useState<Study | null>(null);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [transcripts, setTranscripts] = useState<TranscriptMeta[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [privacy, setPrivacy] = useState<StudyPrivacy | null>(null);
  const [tab, setTab] = useState<Tab>('transcripts');
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [s, p, t, m, pr] = await Promise.all([
        api<{ study: Study }>('GET', `/api/studies/${studyId}`),
        api<{ participants: Participant[] }>('GET', `/api/studies/${studyId}/participants`),
        api<{ transcripts: TranscriptMeta[] }>('GET', `/api/studies/${studyId}/transcripts`),
        api<{ members: Member[] }>('GET', `/api/studies/${studyId}/members`),
        api<{ privacy: StudyPrivacy }>('GET', `/api/studies/${studyId}/privacy`),
      ]);
      setPrivacy(pr.privacy);
      setStudy(s.study);
      setParticipants(p.participants);
      setTranscripts(t.transcripts);
      setMembers(m.members);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : 'cannot load the study');
    }
  }, [studyId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) return <div className="page"><p className="error">{loadError}</p></div>;
  if (!study) return <div className="page">Loading…</div>;
  const manage = study.role === 'lead' || (study.role === null);
  return (
    <div className="page">
      <p className="crumbs"><Link to="/">Studies</Link> /</p>
      <h1>{study.title}</h1>
      <p className="muted">
        You are {study.role ? `${study.role === 'auditor' ? 'an' : 'a'} ${study.role}` : 'an administrator'} · {study.codingMode} coding · codebook {study.codebookPhase}
      </p>
      {privacy?.retentionWarning && privacy.retention.state !== 'none' && (
        <div className="retention-banner" role="alert">
          {privacy.retention.state === 'due'
            ? <>The retention period of this study ended on {privacy.retention.until} ({retentionPhrase(privacy.retention.daysLeft)}): export what the ethics approval lets you keep, then erase the study.</>
            : <>The retention period of this study ends on {privacy.retention.until} ({retentionPhrase(privacy.retention.daysLeft)}). Plan the final export and the erasure.</>}{' '}
          <button type="button" className="link" onClick={() => setTab('settings')}>Export then erase…</button>
        </div>
      )}
      <nav className="study-links" aria-label="study views">
        <Link to={`/studies/${study.id}/themes`}>Themes and extracts</Link>
        <Link to={`/studies/${study.id}/agreement`}>Agreement</Link>
        {study.role !== 'coder' && <Link to={`/studies/${study.id}/progress`}>Progress</Link>}
        <Link to={`/studies/${study.id}/reconcile`}>Reconciliation</Link> <Link to={`/studies/${study.id}/boards`}>Boards</Link> <Link to={`/studies/${study.id}/journal`}>Journal</Link> <Link to={`/studies/${study.id}/table`}>Table of themes</Link> {study.role !== 'coder' && <Link to={`/studies/${study.id}/audit`}>Audit</Link>}
      </nav>
      <nav className="tabs" role="tablist">
        {(['transcripts', 'members', 'settings'] as const).map((t) => (
          <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
            {t[0]!.toUpperCase() + t.slice(1)}
          </button>
        ))}
      </nav>
      {tab === 'transcripts' && <TranscriptsPanel study={study} participants={participants} transcripts={transcripts} manage={manage} onChange={load} />}
      {tab === 'members' && <MembersPanel study={study} members={members} manage={manage} onChange={load} />}
      {tab === 'settings' && <SettingsPanel study={study} manage={manage} onChange={load} />}
      {tab === 'settings' && privacy && <RetentionPanel study={study} privacy={privacy} lead={study.role === 'lead'} onChange={load} />}
      {tab === 'settings' && <InterchangePanel study={study} onChange={load} />}
    </div>
  );
}

function TranscriptsPanel(props: { study: Study; participants: Participant[]; transcripts: TranscriptMeta[]; manage: boolean; onChange: () => Promise<void> }) {
  const { study, participants, transcripts, manage, onChange } = props;
  const [pseudonym, setPseudonym] = useState('');
  const [participantId, setParticipantId] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const addParticipant = useSubmit(async () => {
    await api('POST', `/api/studies/${study.id}/participants`, { pseudonym });
    setPseudonym('');
    await onChange();
  });
  const addTranscript = useSubmit(async () => {
    await api('POST', `/api/studies/${study.id}/transcripts`, { participantId: participantId || participants[0]?.id, title, text });
    setTitle('');
    setText('');
    await onChange();
  });
  const byParticipant = new Map(participants.map((p) => [p.id, p.pseudonym]));
  return (
    <section>
      <h2>Participants and transcripts</h2>
      {participants.length === 0 && <p className="muted">No participants yet.</p>}
      <table className="grid" aria-label="transcripts">
        <thead>
          <tr><th>Participant</th><th>Transcript</th><th>Phase</th><th>Characters</th></tr>
        </thead>
        <tbody>
          {transcripts.map((t) => (
            <tr key={t.id}>
              <td>{byParticipant.get(t.participantId)}</td>
              <td><Link to={`/transcripts/${t.id}`}>{t.title}</Link> · <Link to={`/transcripts/${t.id}/board`}>board</Link></td>
              <td><span className={`phase ${t.phase}`}>{t.phase}</span></td>
              <td>{t.length.toLocaleString()}</td>
            </tr>
          ))}
          {participants.filter((p) => !transcripts.some((t) => t.participantId === p.id)).map((p) => (
            <tr key={p.id}><td>{p.pseudonym}</td><td className="muted">no transcript yet</td><td /><td /></tr>
          ))}
        </tbody>
      </table>
      <ImportedGroups studyId={study.id} kind="transcripts" />
      {manage && (
        <div className="two-col">
          <form className="card" onSubmit={addParticipant.onSubmit} aria-label="add participant">
            <h3>Add a participant</h3>
            <label>
              Pseudonym
              <input name="pseudonym" value={pseudonym} onChange={(e) => setPseudonym(e.target.value)} placeholder="P01" required />
            </label>
            <ErrorText error={addParticipant.error} />
            <button type="submit" disabled={addParticipant.busy}>Add participant</button>
          </form>
          <form className="card" onSubmit={addTranscript.onSubmit} aria-label="add transcript">
            <h3>Add a transcript</h3>
            <p className="muted small">The text is frozen when added: wrapped at {study.lineWidth} characters so line numbers stay citable.</p>
            <label>
              Participant
              <select name="participant" value={participantId} onChange={(e) => setParticipantId(e.target.value)}>
                {participants.map((p) => <option key={p.id} value={p.id}>{p.pseudonym}</option>)}
              </select>
            </label>
            <label>
              Title
              <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} required />
            </label>
            <label>
              Text (paste; speaker turns start with “Name:”)
              <textarea name="text" rows={8} value={text} onChange={(e) => setText(e.target.value)} required />
            </label>
            <ErrorText error={addTranscript.error} />
            <button type="submit" disabled={addTranscript.busy || participants.length === 0}>Add transcript</button>
          </form>
        </div>
      )}
      {manage && <ImportPanel studyId={study.id} participants={participants} onChange={onChange} />}
    </section>
  );
}
