import { useState } from 'react';
import { ApiError, api, type Study } from '../api';
import { Link } from '../router';

/** What POST /api/import/project answers (shared/refi ImportReport, docs/interchange.md). */
interface ProjectImportResult {
  study: { id: string; title: string };
  report: {
    origin: string | null;
    convention: { unit: string; crlf: string; end: string };
    imported: Record<'themes' | 'participants' | 'transcripts' | 'users' | 'codings' | 'notes' | 'statements', number>;
    skipped: Array<{ kind: string; name: string; reason: string }>;
    warnings: string[];
    parts?: { modelled: string[]; carried: string[]; refused: Array<{ element: string; reason: string }> };
  };
  pendingUsers: Array<{ userId: string; name: string }>;
  mappedUsers: Array<{ name: string; userId: string; email: string }>;
}

interface Updates {
  themeId: string;
  changes: string[];
}

/** What POST /api/studies/:sid/codebook/import answers (shared/refi CodebookMergePlan). */
interface CodebookImportResult {
  plan: {
    added: Array<{ id: string; label: string; path: string[] }>;
    renamed: Array<Updates & { from: string; to: string }>;
    unchanged: Array<Updates & { label: string }>;
    skipped: Array<{ name: string; reason: string }>;
  };
  warnings: string[];
  origin: string | null;
  merged: boolean;
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const message = (e: unknown, fallback: string) => (e instanceof ApiError ? e.message : fallback);

interface ProjectPreview {
  title: string;
  report: ProjectImportResult['report'];
  users: Array<{ guid: string; name: string; codings: number }>;
}

function ImportReportView({ report }: { report: ProjectImportResult['report'] }) {
  const n = report.imported;
  return (
    <>
      <p className="small">
        {n.themes} themes, {n.participants} participants, {n.transcripts} transcripts, {n.codings} codings, {n.notes} notes, {n.statements} statements{report.origin ? ` (from ${report.origin})` : ''}.
        {' '}Positions read as {report.convention.unit === 'codepoint' ? 'code points' : 'UTF-16 units'}, CRLF {report.convention.crlf === 'one' ? 'as one character' : 'as two'}, {report.convention.end} ends.
      </p>
      {report.parts && (
        <ul className="small" aria-label="parts of the file">
          <li>Modelled (Concord records): {report.parts.modelled.join(', ') || 'nothing'}</li>
          {report.parts.carried.length > 0 && <li>Carried (kept as the file has them, written back on export): {report.parts.carried.join(', ')}</li>}
          {report.parts.refused.map((r, i) => (
            <li key={i} className="refused">Not kept: {r.element}: {r.reason}</li>
          ))}
        </ul>
      )}
      {report.skipped.length > 0 && (
        <>
          <h4>Skipped ({report.skipped.length})</h4>
          <ul className="small" aria-label="skipped">
            {report.skipped.map((x, i) => (
              <li key={i}>{x.kind} {x.name}: {x.reason}</li>
            ))}
          </ul>
        </>
      )}
      {report.warnings.length > 0 && (
        <ul className="small muted" aria-label="warnings">
          {report.warnings.map((w, i) => <li key={i}>{w}</li>)}
        </ul>
      )}
    </>
  );
}

/**
 * Studies page: a REFI-QDA project (.qdpx or .qde from NVivo, ATLAS.ti, MAXQDA, QualCoder...)
 * becomes a new study. The file is read first and nothing is stored until the user confirms,
 * after optionally giving each coder of the file an existing account; the report then says
 * what came in and what was left out, and why.
 */
export function ProjectImportPanel() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<ProjectPreview | null>(null);
  const [emails, setEmails] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ProjectImportResult | null>(null);
  const run = async (action: () => Promise<void>, fallback: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(message(e, fallback));
    } finally {
      setBusy(false);
    }
  };
  const choose = (f: File | undefined) =>
    f &&
    run(async () => {
      setResult(null);
      setPreview(null);
      setEmails({});
      const body = { name: f.name, data: await toBase64(f) };
      setFile(body);
      setPreview(await api<ProjectPreview>('POST', '/api/import/project/preview', body));
    }, 'the project could not be read');
  const confirm = () =>
    file &&
    run(async () => {
      const users = Object.fromEntries(Object.entries(emails).filter(([, email]) => email.trim() !== ''));
      setResult(await api<ProjectImportResult>('POST', '/api/import/project', { ...file, ...(Object.keys(users).length ? { users } : {}) }));
      setPreview(null);
    }, 'the project could not be imported');
  return (
    <section className="card" aria-label="import a project">
      <h2>Import a REFI-QDA project</h2>
      <p className="muted small">A .qdpx or .qde exported from NVivo, ATLAS.ti, MAXQDA, QualCoder or Concord becomes a new study that you lead. Give a coder of the file an existing account by e-mail; the others get pending accounts that cannot sign in.</p>
      <input type="file" accept=".qdpx,.qde" aria-label="project file" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
      {busy && <p className="muted small">Reading the project…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {preview && (
        <div className="import-item" aria-label="project preview">
          <h4>{preview.title}</h4>
          <ImportReportView report={preview.report} />
          {preview.users.map((u) => (
            <label key={u.guid} className="small">
              {u.name} ({u.codings} codings): account e-mail, or empty for a pending account
              <input type="email" value={emails[u.guid] ?? ''} onChange={(e) => setEmails((m) => ({ ...m, [u.guid]: e.target.value }))} />
            </label>
          ))}
          <button type="button" disabled={busy} onClick={() => void confirm()}>Import as a new study</button>
        </div>
      )}
      {result && (
        <div className="import-item" aria-label="import report">
          <p>
            Created <Link to={`/studies/${result.study.id}`}>{result.study.title}</Link>.
          </p>
          <ImportReportView report={result.report} />
          {result.mappedUsers.length > 0 && <p className="small">Coders with accounts: {result.mappedUsers.map((u) => `${u.name} → ${u.email}`).join(', ')}</p>}
          {result.pendingUsers.length > 0 && <p className="small">Pending coders: {result.pendingUsers.map((u) => u.name).join(', ')}</p>}
        </div>
      )}
    </section>
  );
}

/**
 * Study page: downloads (REFI-QDA project and codebook, CSV) and, for leads, a codebook file
 * merged into the open codebook after a preview of added, renamed and unchanged themes.
 */
export function InterchangePanel({ study, onChange }: { study: Study; onChange: () => Promise<void> }) {
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<CodebookImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lead = study.role === 'lead' || study.role === null;
  const readsAll = study.role !== 'coder';
  const base = `/api/studies/${study.id}`;

  const send = async (body: { name: string; data: string }, merge: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<CodebookImportResult>('POST', `${base}/codebook/import`, { ...body, merge });
      setPreview(r);
      if (merge) await onChange();
    } catch (e) {
      setError(message(e, 'the codebook could not be read'));
    } finally {
      setBusy(false);
    }
  };
  const choose = async (f: File | undefined) => {
    if (!f) return;
    const body = { name: f.name, data: await toBase64(f) };
    setFile(body);
    await send(body, false);
  };
  const plan = preview?.plan;
  return (
    <section className="card" aria-label="exchange">
      <h3>Exchange with other tools</h3>
      <p className="small">
        {readsAll && (
          <>
            <a href={`${base}/export/project?format=qdpx`} download>Project (.qdpx)</a> · <a href={`${base}/export/project?format=qde`} download>Project (.qde)</a> · <a href={`${base}/export/csv?what=codings`} download>Codings (CSV)</a> ·{' '}
          </>
        )}
        <a href={`${base}/export/codebook`} download>Codebook (.qdc)</a> · <a href={`${base}/export/csv?what=themes`} download>Themes (CSV)</a>
      </p>
      {lead && (
        <>
          <h4>Merge a codebook (.qdc)</h4>
          <p className="muted small">Codes are matched by GUID, then by label under the same parent. A merge only adds and renames themes; it never removes or moves one. {study.codebookPhase !== 'open' && `The codebook is ${study.codebookPhase}: you can preview, but merging needs it open.`}</p>
          <input type="file" accept=".qdc,.qde" aria-label="codebook file" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
          {error && <p className="error" role="alert">{error}</p>}
          {plan && (
            <div className="import-item" aria-label="codebook preview">
              {preview.merged && <p role="status">Merged.</p>}
              <p className="small">{plan.added.length} added · {plan.renamed.length} renamed · {plan.unchanged.length} unchanged{plan.skipped.length ? ` · ${plan.skipped.length} skipped` : ''}</p>
              <ul className="small">
                {plan.added.map((a) => <li key={`a${a.id}`}>added: {a.path.join(' › ')}</li>)}
                {plan.renamed.map((r) => <li key={`r${r.themeId}`}>renamed: {r.from} → {r.to}</li>)}
                {plan.unchanged.map((u) => <li key={`u${u.themeId}`} className="muted">unchanged: {u.label}{u.changes.length ? ` (new ${u.changes.join(' and ')})` : ''}</li>)}
                {plan.skipped.map((x, i) => <li key={`s${i}`} className="error">skipped: {x.name}: {x.reason}</li>)}
              </ul>
              {!preview.merged && file && (
                <button type="button" disabled={busy || study.codebookPhase !== 'open' || plan.added.length + plan.renamed.length + plan.unchanged.filter((u) => u.changes.length).length === 0} onClick={() => void send(file, true)}>
                  Merge into the codebook
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
