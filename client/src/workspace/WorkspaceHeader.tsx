import type { ReactNode } from 'react';
import type { Study } from '../api';
import { Link } from '../router';
import type { Peer } from './usePresence';
import type { LoadedTranscript } from './useTranscript';

/** Title, phase, mode, the save status and who else is here. */
const BACK = { reconciling: { to: 'coding', label: 'Move back to coding…' }, final: { to: 'reconciling', label: 'Reopen for reconciliation…' } } as const;

export function WorkspaceHeader(props: { study: Study; transcript: LoadedTranscript['transcript']; lineCount: number; canWriteOwn: boolean; codes: boolean; peers: readonly Peer[]; onStepBack: (to: 'coding' | 'reconciling') => void; children?: ReactNode }) {
  const { study, transcript, peers } = props;
  return (
    <header className="ws-head">
      <div>
        <p className="crumbs">
          <Link to={`/studies/${study.id}`}>{study.title}</Link> /
        </p>
        <h1>{transcript.title}</h1>
        <p className="muted small">
          {props.lineCount} lines · <span className={`phase ${transcript.phase}`}>{transcript.phase}</span> · {study.codingMode} coding
          {!props.canWriteOwn && props.codes && transcript.phase !== 'coding' && ' · layers are read-only now'}
          {transcript.phase !== 'coding' && (
            <>
              {' '}
              · <Link to={`/transcripts/${transcript.id}/reconcile`}>Reconcile</Link>
            </>
          )}
          {study.role === 'lead' && transcript.phase !== 'coding' && (
            <>
              {' '}
              ·{' '}
              <button type="button" className="link small" onClick={() => props.onStepBack(BACK[transcript.phase as 'reconciling' | 'final'].to)}>
                {BACK[transcript.phase as 'reconciling' | 'final'].label}
              </button>
            </>
          )}
        </p>
      </div>
      <div className="ws-status">
        {props.children}
        <div className="presence" aria-label="who is here">
          {peers.length === 0 ? (
            <span className="muted small">Only you</span>
          ) : (
            peers.map((p, i) => (
              <span key={i} className="who-chip" style={{ borderColor: p.color }} title={p.here ? 'in this transcript' : 'online in this study'}>
                {p.name}
                {p.here ? (p.line !== null ? ` · l. ${p.line}` : ' · here') : ''}
              </span>
            ))
          )}
        </div>
      </div>
    </header>
  );
}
