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
  };
  pendingUsers: Array<{ userId: string; name: string }>;
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

/**
 * Studies page: a REFI-QDA project (.qdpx or .qde from NVivo, ATLAS.ti, MAXQDA, QualCoder...)
 * becomes a new study; the report says what came in and what was left out, and why.
 */
export function ProjectImportPanel() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ProjectImportResult | null>(null);
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api<ProjectImportResult>('POST', '/api/import/project', { name: file.name, data: await toBase64(file) }));
    } catch (e) {
      setError(message(e, 'the project could not be imported'));
    } finally {
      setBusy(false);
    }
  };
  const n = result?.report.imported;
  return (
    <section className="card" aria-label="import a project">
      <h2>Import a REFI-QDA project</h2>
      <p className="muted small">A .qdpx or .qde exported from NVivo, ATLAS.ti, MAXQDA, QualCoder or Concord becomes a new study that you lead. Each coder in the file gets a pending account that cannot sign in until an administrator activates it.</p>
      <input type="file" accept=".qdpx,.qde" aria-label="project file" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
      {busy && <p className="muted small">Reading the project…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {result && n && (
        <div className="import-item" aria-label="import report">
          <p>
            Created <Link to={`/studies/${result.study.id}`}>{result.study.title}</Link>: {n.themes} themes, {n.participants} participants, {n.transcripts} transcripts, {n.codings} codings, {n.notes} notes, {n.statements} statements
            {result.report.origin ? ` (from ${result.report.origin})` : ''}.
          </p>
          <p className="muted small">
            Positions read as {result.report.convention.unit === 'codepoint' ? 'code points' : 'UTF-16 units'}, CRLF {result.report.convention.crlf === 'one' ? 'as one character' : 'as two'}, {result.report.convention.end} ends.
          </p>
          {result.pendingUsers.length > 0 && <p className="small">Pending coders: {result.pendingUsers.map((u) => u.name).join(', ')}</p>}
          {result.report.skipped.length > 0 && (
            <>
              <h4>Skipped ({result.report.skipped.length})</h4>
              <ul className="small" aria-label="skipped">
                {result.report.skipped.map((x, i) => (
                  <li key={i}>{x.kind} {x.name}: {x.reason}</li>
                ))}
              </ul>
            </>
          )}
          {result.report.warnings.length > 0 && (
            <ul className="small muted" aria-label="warnings">
              {result.report.warnings.map((w, i) => <li key={i}>{w}</li>)}
            </ul>
          )}
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
