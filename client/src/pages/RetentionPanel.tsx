import { useState } from 'react';
import { api, ApiError, type Study } from '../api';
import { ErrorText, useSubmit } from '../components/Form';
import { Link } from '../router';
import { type FinalExport, type StudyPrivacy, downloadFinalExport, retentionPhrase } from './retention';

/**
 * The study's retention end (every member sees it) and, for leads, setting it and "export then
 * erase" (docs/privacy.md, Retention): the final export is downloaded first; the erasure sends
 * back the SHA-256 of what the browser received, and the server erases only with it.
 */
export function RetentionPanel(props: { study: Study; privacy: StudyPrivacy; lead: boolean; onChange: () => Promise<void> }) {
  const { study, privacy, lead, onChange } = props;
  const r = privacy.retention;
  const [until, setUntil] = useState(r.state === 'none' ? '' : r.until);
  const save = useSubmit(async () => {
    await api('PATCH', `/api/studies/${study.id}/privacy`, { retentionUntil: until === '' ? null : until });
    await onChange();
  });
  return (
    <section className="card" aria-label="retention">
      <h2>Retention</h2>
      {r.state === 'none' ? (
        <p>No retention end is recorded for this study.</p>
      ) : (
        <p>
          The data may be kept until the end of <strong>{r.until}</strong> (UTC), as the ethics approval states:{' '}
          <span className={r.state === 'ok' ? '' : 'danger'}>{retentionPhrase(r.daysLeft)}</span>.
        </p>
      )}
      {lead && (
        <form onSubmit={save.onSubmit} className="inline-form">
          <label>
            Retention end
            <input type="date" name="retentionUntil" value={until} onChange={(e) => setUntil(e.target.value)} />
          </label>
          <button type="submit" className="secondary" disabled={save.busy}>Save retention end</button>
          <ErrorText error={save.error} />
        </form>
      )}
      {lead && <ExportThenErase study={study} />}
    </section>
  );
}

function ExportThenErase({ study }: { study: Study }) {
  const [taken, setTaken] = useState<FinalExport | null>(null);
  const [reason, setReason] = useState('The retention period set by the ethics approval has ended.');
  const [stored, setStored] = useState(false);
  const [consequences, setConsequences] = useState<string[] | null>(null);
  const [accept, setAccept] = useState(false);
  const [erased, setErased] = useState(false);
  const take = useSubmit(async () => {
    setTaken(await downloadFinalExport(study.id));
    setConsequences(null);
  });
  const erase = useSubmit(async () => {
    if (!taken) return;
    try {
      await api('POST', `/api/studies/${study.id}/retention/erase`, { exportId: taken.exportId, sha256: taken.sha256, reason, ...(consequences ? { confirm: accept } : {}) });
      setErased(true);
    } catch (e) {
      const list = (e as ApiError).details as { consequences?: string[] } | undefined;
      if (e instanceof ApiError && e.code === 'confirmation_required' && list?.consequences) {
        setConsequences(list.consequences);
        return;
      }
      throw e;
    }
  });
  if (erased) {
    return (
      <p className="notice" role="status">
        The study was erased. The erasure record keeps who, when, why and the final export's hash. <Link to="/">Back to the studies</Link>
      </p>
    );
  }
  return (
    <div className="export-then-erase">
      <h3>Export then erase</h3>
      <p className="muted small">
        At the end of retention: download the final export (REFI-QDA project, table of themes, reconciliation record, audit trail, access log), store it where the approval says,
        then erase the study. Concord erases only with the export's fingerprint, taken within a day, and only if nothing changed since.
      </p>
      <form onSubmit={take.onSubmit}>
        <button type="submit" disabled={take.busy}>{taken ? 'Download a new final export' : '1. Download the final export'}</button>
        <ErrorText error={take.error} />
      </form>
      {taken && (
        <form onSubmit={erase.onSubmit} aria-label="erase the study">
          <p className="notice" role="status">
            Downloaded <strong>{taken.fileName}</strong> ({Math.ceil(taken.bytes / 1024)} KB), SHA-256 <code>{taken.sha256}</code>
          </p>
          <label>
            Reason (kept in the erasure record)
            <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
          </label>
          <label className="check">
            <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} /> I have stored the final export safely; erasing cannot be undone
          </label>
          {consequences && (
            <div className="consequences" role="alert">
              <p>This erasure changes a finalised analysis:</p>
              <ul>{consequences.map((c) => <li key={c}>{c}</li>)}</ul>
              <label className="check">
                <input type="checkbox" checked={accept} onChange={(e) => setAccept(e.target.checked)} /> Erase anyway; record these consequences
              </label>
            </div>
          )}
          <ErrorText error={erase.error} />
          <button type="submit" className="danger-button" disabled={erase.busy || !stored || (consequences !== null && !accept)}>2. Erase the study</button>
        </form>
      )}
    </div>
  );
}
