import { useMemo, useState } from 'react';
import { accessContext, decideAccess } from '../../../shared/access';
import { docName } from '../../../shared/docNames';
import { addJournalEntry, readJournal } from '../../../shared/reconcile/journal';
import type { User } from '../api';
import { useStudyBasics } from '../boards/useStudyBasics';
import { Link } from '../router';
import { useDoc, useDocs } from '../workspace/useDoc';
import './journal.css';

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The study journal (issue 15 item 6): each coder's reflexive memos, their own assumptions as the
 * analysis goes. A coder writes their own; the others' are shown where the access rule lets this
 * user read them (private until the themes are revealed; auditors always), live.
 */
export function JournalPage({ studyId, me }: { studyId: string; me: User }) {
  const { data, error } = useStudyBasics(studyId, me.id);
  const study = data?.study ?? null;
  const ctx = study ? accessContext(study, me.id, study.role) : null;
  const writes = study?.role === 'lead' || study?.role === 'coder';
  const own = useDoc(writes ? docName({ kind: 'journal', studyId, ownerId: me.id }) : null, me.id);
  const others = useMemo(
    () => (ctx && data ? data.members.filter((m) => m.role !== 'auditor' && m.userId !== me.id && decideAccess({ kind: 'journal', studyId, ownerId: m.userId }, ctx) !== 'none') : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, me.id, ctx?.themesRevealed, ctx?.independentThemes],
  );
  const otherDocs = useDocs(others.map((m) => docName({ kind: 'journal', studyId, ownerId: m.userId })));
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const mine = useMemo(() => (own.doc ? readJournal(own.doc).entries : []), [own.doc, own.version]);

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!data || !study) return <div className="page">Loading…</div>;
  const hiddenCount = data.members.filter((m) => m.role !== 'auditor' && m.userId !== me.id).length - others.length;
  return (
    <div className="page journal-page">
      <p className="crumbs"><Link to={`/studies/${study.id}`}>{study.title}</Link> /</p>
      <h1>Study journal</h1>
      <p className="muted">Record your own assumptions and reactions as the analysis goes (reflexive memos). Your journal is yours: others read it once the study's themes are revealed, auditors at any time, and it is exported with the reconciliation record.</p>
      {writes && (
        <section className="card" aria-label="Your journal">
          <h2>Your journal</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!own.doc) return;
              try {
                addJournalEntry(own.doc, { text, at: Date.now() });
                setText('');
                setProblem(null);
              } catch (err) {
                if (err instanceof RangeError) setProblem('Write something first (at most 10,000 characters).');
                else throw err;
              }
            }}
          >
            <label>
              New entry
              <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={10_000} />
            </label>
            {problem && <p className="error" role="alert">{problem}</p>}
            <button type="submit" disabled={own.status === 'forbidden'}>Add entry</button>
          </form>
          <Entries entries={mine} empty="No entries yet." />
        </section>
      )}
      {others.map((m) => {
        const conn = otherDocs.docs.get(docName({ kind: 'journal', studyId, ownerId: m.userId }));
        const entries = conn && conn.status() !== 'forbidden' ? readJournal(conn.doc).entries : [];
        return (
          <section key={m.userId} className="card" aria-label={`${m.name}'s journal`}>
            <h2>{m.name}'s journal</h2>
            <Entries entries={entries} empty="No entries." />
          </section>
        );
      })}
      {hiddenCount > 0 && <p className="muted">{hiddenCount === 1 ? 'One other coder\'s journal is' : `${hiddenCount} other coders' journals are`} private until the study's themes are revealed.</p>}
    </div>
  );
}

function Entries({ entries, empty }: { entries: ReadonlyArray<{ id: string; text: string; at: number }>; empty: string }) {
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="journal-entries">
      {[...entries].reverse().map((e) => (
        <li key={e.id}>
          <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time>
          <p>{e.text}</p>
        </li>
      ))}
    </ol>
  );
}
