import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { decideAccess } from '../../../shared/access';
import { type Coding, type Layer, type NoteKind, NOTE_KINDS, addCoding, addNote, addStatement, readLayer, removeCoding, removeNote, removeStatement, updateCoding } from '../../../shared/coding';
import { docName } from '../../../shared/docNames';
import { addTheme, readThemeTree } from '../../../shared/themes';
import { formatLineRange, lineRangeOf } from '../../../shared/transcript';
import { api, type Member, type Study, type User } from '../api';
import { Link } from '../router';
import { coderColor, withAlpha } from './colors';
import { type Mark, segmentsOf, selectionOffsets } from './segments';
import { StatusBadge } from './StatusBadge';
import { ThemeTreePanel } from './ThemeTreePanel';
import { useDoc, useDocs } from './useDoc';

interface Loaded {
  transcript: { id: string; studyId: string; title: string; phase: 'coding' | 'reconciling' | 'final'; sha256: string; participantId: string };
  text: string;
  lines: Array<{ n: number; start: number; end: number }>;
  turns: Array<{ speaker: string | null; start: number; end: number }>;
}

type Span = { start: number; end: number };
const EMPTY_LAYER: Layer = { codings: [], notes: [], statements: [], problems: [] };

/**
 * The IPA worksheet: exploratory notes in the left margin, the numbered transcript in the middle,
 * codings and experiential statements in the right margin (each beside the line it starts on),
 * and the theme tree beside it. Every change is a Yjs edit of the coder's own layer; the server
 * decides who may read or write what, the UI only follows.
 */
export function Workspace({ transcriptId, me }: { transcriptId: string; me: User }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [study, setStudy] = useState<Study | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Span | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    (async () => {
      const t = await api<Loaded>('GET', `/api/transcripts/${transcriptId}`);
      const [s, m] = await Promise.all([
        api<{ study: Study }>('GET', `/api/studies/${t.transcript.studyId}`),
        api<{ members: Member[] }>('GET', `/api/studies/${t.transcript.studyId}/members`),
      ]);
      setData(t);
      setStudy(s.study);
      setMembers(m.members);
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : 'cannot load the transcript'));
  }, [transcriptId]);

  const role = study?.role ?? null;
  const ctx = study && data ? { userId: me.id, role, codingMode: study.codingMode, codebookPhase: study.codebookPhase, transcriptPhase: data.transcript.phase } : null;
  const codes = role === 'lead' || role === 'coder';
  const ownName = ctx && codes ? docName({ kind: 'layer', transcriptId, ownerId: me.id }) : null;
  const codebookName = study ? docName({ kind: 'codebook', studyId: study.id }) : null;
  const coders = useMemo(() => members.filter((m) => m.role !== 'auditor'), [members]);
  // Other coders' layers are opened only where the access rule lets this user read them; the
  // server refuses the rest anyway (blind mode is enforced there, not here).
  const otherNames = useMemo(
    () => (ctx ? coders.filter((m) => m.userId !== me.id && decideAccess({ kind: 'layer', transcriptId, ownerId: m.userId }, ctx) !== 'none').map((m) => docName({ kind: 'layer', transcriptId, ownerId: m.userId })) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [coders, me.id, transcriptId, ctx?.codingMode, ctx?.transcriptPhase, ctx?.role],
  );

  const own = useDoc(ownName);
  const codebook = useDoc(codebookName);
  const others = useDocs(otherNames);

  const tree = useMemo(() => (codebook.doc ? readThemeTree(codebook.doc) : null), [codebook.doc, codebook.version]);
  const ownLayer = useMemo(() => (own.doc && data ? readLayer(own.doc, data.text.length) : EMPTY_LAYER), [own.doc, own.version, data]);
  const otherLayers = useMemo(() => {
    if (!data) return [];
    return otherNames.map((name) => {
      const ownerId = name.split('/').pop()!;
      const conn = others.docs.get(name);
      const status = conn?.status() ?? 'offline';
      // A refused document may still hold what it had before rights changed: show nothing of it.
      const layer = conn && status !== 'forbidden' ? readLayer(conn.doc, data.text.length) : EMPTY_LAYER;
      return { ownerId, layer, status };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [others.docs, others.version, otherNames, data]);

  const canWriteOwn = Boolean(ctx && ownName && decideAccess({ kind: 'layer', transcriptId, ownerId: me.id }, ctx) === 'write') && own.status !== 'forbidden';
  const canWriteCodebook = Boolean(ctx && decideAccess({ kind: 'codebook', studyId: study!.id }, ctx) === 'write');
  const colorOf = useCallback((userId: string) => coderColor(Math.max(0, coders.findIndex((m) => m.userId === userId))), [coders]);
  const nameOf = useCallback((userId: string) => members.find((m) => m.userId === userId)?.name ?? 'someone', [members]);

  // Presence on the codebook (everyone in the study is connected to it). In blind mode the
  // server passes on only names, never which transcript or what is selected.
  useEffect(() => {
    const aw = codebook.conn?.provider.awareness;
    if (!aw) return;
    aw.setLocalStateField('user', { name: me.name, color: colorOf(me.id) });
    aw.setLocalStateField('transcriptId', transcriptId);
    aw.setLocalStateField('selection', selection);
  }, [codebook.conn, me.name, me.id, colorOf, transcriptId, selection]);
  const [presence, setPresence] = useState<Array<{ name: string; color: string; here: boolean; selection: Span | null }>>([]);
  useEffect(() => {
    const aw = codebook.conn?.provider.awareness;
    if (!aw) return;
    const read = () => {
      const out: Array<{ name: string; color: string; here: boolean; selection: Span | null }> = [];
      aw.getStates().forEach((st, clientId) => {
        if (clientId === aw.clientID) return;
        const user = st.user as { name?: string; color?: string } | undefined;
        if (!user?.name) return;
        const sel = st.selection as Span | null | undefined;
        out.push({ name: user.name, color: user.color ?? '#888', here: st.transcriptId === transcriptId, selection: sel && typeof sel.start === 'number' ? sel : null });
      });
      setPresence(out);
    };
    read();
    aw.on('change', read);
    return () => aw.off('change', read);
  }, [codebook.conn, transcriptId]);

  const quick = useMemo(() => (tree ? tree.themes.filter((t) => t.status !== 'retired').slice(0, 9).map((t) => t.id) : []), [tree]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of ownLayer.codings) m.set(c.themeId, (m.get(c.themeId) ?? 0) + 1);
    return m;
  }, [ownLayer]);

  const apply = useCallback(
    (themeId: string) => {
      if (!own.doc || !data || !selection || !canWriteOwn) {
        setNotice(selection ? 'You cannot code this transcript now.' : 'Select some text first.');
        return;
      }
      try {
        addCoding(own.doc, data.text.length, { themeId, start: selection.start, end: selection.end, createdAt: Date.now() });
        setNotice(null);
        window.getSelection()?.removeAllRanges();
        setSelection(null);
      } catch (e) {
        setNotice(e instanceof Error ? e.message : 'could not code');
      }
    },
    [own.doc, data, selection, canWriteOwn],
  );

  // Keyboard coding: 1-9 apply the quick themes, / searches, Escape drops the selection.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select')) return;
      if (/^[1-9]$/.test(e.key) && selection) {
        const id = quick[Number(e.key) - 1];
        if (id) {
          e.preventDefault();
          apply(id);
        }
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'Escape') {
        setSelection(null);
        window.getSelection()?.removeAllRanges();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [quick, selection, apply]);

  useEffect(() => {
    const hash = /^#l-(\d+)$/.exec(window.location.hash);
    if (hash && data) document.getElementById(`l-${hash[1]}`)?.scrollIntoView({ block: 'center' });
  }, [data]);

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!data || !study) return <div className="page">Loading…</div>;

  const themeOf = (id: string) => tree?.byId.get(tree.resolve(id));
  const marks: Mark[] = [];
  const visibleLayers = [{ ownerId: me.id, layer: ownLayer, own: true }, ...otherLayers.map((o) => ({ ...o, own: false }))];
  for (const { ownerId, layer, own: isOwn } of visibleLayers) {
    for (const c of layer.codings) {
      const t = themeOf(c.themeId);
      marks.push({ id: c.id, start: c.start, end: c.end, color: t?.color ?? '#888888', coder: ownerId, label: `${t?.label ?? 'unknown theme'} (${nameOf(ownerId)})`, own: isOwn });
    }
  }
  const peers = presence.filter((p) => p.here && p.selection);
  const byStartLine = <T extends { start: number }>(items: readonly T[]) => {
    const m = new Map<number, T[]>();
    for (const it of items) {
      const n = lineRangeOf(data.lines, it.start, Math.max(it.start + 1, it.start)).first;
      m.set(n, [...(m.get(n) ?? []), it]);
    }
    return m;
  };
  const notesAt = byStartLine(ownLayer.notes);
  const codingsAt = byStartLine(ownLayer.codings);
  const statementsAt = byStartLine(ownLayer.statements);
  const cite = (s: Span) => formatLineRange(lineRangeOf(data.lines, s.start, s.end));

  return (
    <div className="workspace">
      <header className="ws-head">
        <div>
          <p className="crumbs"><Link to={`/studies/${study.id}`}>{study.title}</Link> /</p>
          <h1>{data.transcript.title}</h1>
          <p className="muted small">
            {data.lines.length} lines · <span className={`phase ${data.transcript.phase}`}>{data.transcript.phase}</span> · {study.codingMode} coding
            {!canWriteOwn && codes && data.transcript.phase !== 'coding' && ' · layers are read-only now'}
            {data.transcript.phase !== 'coding' && <> · <Link to={`/transcripts/${transcriptId}/reconcile`}>Reconcile</Link></>}
          </p>
        </div>
        <div className="ws-status">
          {ownName && <StatusBadge status={own.status} what="your coding" />}
          <div className="presence" aria-label="who is here">
            {presence.length === 0 ? (
              <span className="muted small">Only you</span>
            ) : (
              presence.map((p, i) => (
                <span key={i} className="who-chip" style={{ borderColor: p.color }} title={p.here ? 'in this transcript' : 'online in this study'}>
                  {p.name}
                  {p.here ? ' · here' : ''}
                </span>
              ))
            )}
          </div>
        </div>
      </header>
      {notice && <p className="notice" role="alert">{notice}</p>}
      <Composer
        selection={selection}
        cite={cite}
        canWrite={canWriteOwn}
        onNote={(kind, text) => own.doc && selection && addNote(own.doc, data.text.length, { kind, text, start: selection.start, end: selection.end, createdAt: Date.now() })}
        onStatement={(text) =>
          own.doc && selection && addStatement(own.doc, data.text.length, { text, start: selection.start, end: selection.end, themeIds: [], createdAt: Date.now() })
        }
      />
      <div className="ws-body">
        <div
          className="worksheet"
          onMouseUp={() => setSelection(selectionOffsets(data.text))}
          onKeyUp={() => setSelection(selectionOffsets(data.text))}
        >
          <div className="ws-row ws-header-row" aria-hidden>
            <div className="margin-left">Exploratory notes</div>
            <div className="gutter" />
            <div className="ln" />
            <div className="text-col">Transcript</div>
            <div className="margin-right">Codings and experiential statements</div>
          </div>
          <ol className="lines" aria-label="transcript lines">
            {data.lines.map((l) => {
              const lineMarks = marks.filter((m) => m.start < Math.max(l.end, l.start + 1) && m.end > l.start);
              const coderIds = [...new Set(lineMarks.map((m) => m.coder))];
              const seen = peers.filter((p) => p.selection!.start < Math.max(l.end, l.start + 1) && p.selection!.end > l.start);
              return (
                <li key={l.n} id={`l-${l.n}`} className="ws-row" data-line={l.n} data-line-start={l.start} data-line-end={l.end}>
                  <div className="margin-left">
                    {(notesAt.get(l.n) ?? []).map((n) => (
                      <div key={n.id} className={`note ${n.kind}`} data-testid="note">
                        <span className="kind" title={`${n.kind} note`}>{n.kind[0]!.toUpperCase()}</span> <span className="note-text" title={n.text}>{n.text}</span> <span className="cite">{cite(n)}</span>
                        {canWriteOwn && <button className="link small" aria-label="delete note" onClick={() => own.doc && removeNote(own.doc, n.id)}>×</button>}
                      </div>
                    ))}
                  </div>
                  <div className="gutter">
                    {coderIds.map((c) => (
                      <span key={c} className="stripe" style={{ background: colorOf(c) }} title={nameOf(c)} data-coder={c} />
                    ))}
                  </div>
                  <div className="ln">{l.n}</div>
                  <div className="text-col" style={seen.length ? { boxShadow: `inset 3px 0 0 ${seen[0]!.color}` } : undefined} title={seen.map((p) => `${p.name} is looking here`).join(', ') || undefined}>
                    {l.end === l.start ? (
                      <span data-s={l.start}>{'\u00a0'}</span>
                    ) : (
                      segmentsOf(l.start, l.end, lineMarks).map((seg) => (
                        <span
                          key={seg.start}
                          data-s={seg.start}
                          className={seg.marks.length ? 'coded' : undefined}
                          data-coders={seg.marks.length ? [...new Set(seg.marks.map((m) => m.coder))].join(' ') : undefined}
                          title={seg.marks.map((m) => m.label).join('\n') || undefined}
                          style={seg.marks.length ? markStyle(seg.marks) : undefined}
                        >
                          {data.text.slice(seg.start, seg.end)}
                        </span>
                      ))
                    )}
                  </div>
                  <div className="margin-right">
                    {(codingsAt.get(l.n) ?? []).map((c) => (
                      <CodingCard key={c.id} coding={c} label={themeOf(c.themeId)?.label ?? 'unknown theme'} color={themeOf(c.themeId)?.color ?? '#888'} cite={cite(c)} canWrite={canWriteOwn}
                        onMemo={(memo) => own.doc && updateCoding(own.doc, data.text.length, c.id, { memo: memo || null })}
                        onDelete={() => own.doc && removeCoding(own.doc, c.id)} />
                    ))}
                    {(statementsAt.get(l.n) ?? []).map((st) => (
                      <div key={st.id} className="statement" data-testid="statement">
                        <strong title="experiential statement">ES</strong> <span className="es-text" title={st.text}>{st.text}</span> <span className="cite">{cite(st)}</span>
                        {canWriteOwn && <button className="link small" aria-label="delete statement" onClick={() => own.doc && removeStatement(own.doc, st.id)}>×</button>}
                      </div>
                    ))}
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
        <ThemeTreePanel
          tree={tree}
          quick={quick}
          canApply={canWriteOwn}
          canCreate={canWriteCodebook && canWriteOwn}
          counts={counts}
          searchRef={searchRef}
          onApply={apply}
          onCreate={async (label, parentId) => {
            if (!codebook.doc) return;
            const id = addTheme(codebook.doc, { label, parentId, createdBy: me.id, createdAt: Date.now() });
            if (selection) apply(id);
          }}
        />
      </div>
      <footer className="legend">
        {visibleLayers.map((v) => (
          <span key={v.ownerId} className="legend-item">
            <span className="stripe" style={{ background: colorOf(v.ownerId) }} /> {v.own ? 'you' : nameOf(v.ownerId)} ({v.layer.codings.length} codings)
          </span>
        ))}
        {study.codingMode === 'blind' && data.transcript.phase === 'coding' && <span className="muted small">Blind coding: the server keeps other coders’ work hidden until reconciliation.</span>}
      </footer>
    </div>
  );
}

/** The first mark colours the background; every further one adds an underline, so overlaps stay readable. */
function markStyle(marks: Mark[]): React.CSSProperties {
  const [first, ...rest] = marks;
  const shadows = rest.map((m, i) => `inset 0 -${(i + 1) * 3}px 0 ${withAlpha(m.color, 0.9)}`);
  return {
    background: withAlpha(first!.color, first!.own ? 0.32 : 0.18),
    ...(shadows.length ? { boxShadow: shadows.join(', ') } : {}),
    ...(first!.own ? {} : { textDecoration: `underline dotted ${first!.color}` }),
  };
}

function CodingCard(props: { coding: Coding; label: string; color: string; cite: string; canWrite: boolean; onMemo: (memo: string) => void; onDelete: () => void }) {
  const [editing, setEditing] = useState(false);
  const [memo, setMemo] = useState(props.coding.memo ?? '');
  return (
    <div className="coding-card" style={{ borderLeftColor: props.color }} data-testid="coding" title={props.coding.memo ? `${props.label}: ${props.coding.memo}` : props.label}>
      <span className="theme-label">{props.label}</span> <span className="cite">{props.cite}</span>
      {props.coding.memo && !editing && <div className="memo">{props.coding.memo}</div>}
      {editing && (
        <form onSubmit={(e) => { e.preventDefault(); props.onMemo(memo); setEditing(false); }}>
          <input aria-label="memo" value={memo} onChange={(e) => setMemo(e.target.value)} autoFocus />
        </form>
      )}
      {props.canWrite && (
        <span className="card-actions">
          <button className="link small" onClick={() => setEditing((v) => !v)}>memo</button>
          <button className="link small" aria-label={`delete coding ${props.label}`} onClick={props.onDelete}>delete</button>
        </span>
      )}
    </div>
  );
}

function Composer(props: { selection: Span | null; cite: (s: Span) => string; canWrite: boolean; onNote: (kind: NoteKind, text: string) => void; onStatement: (text: string) => void }) {
  const [kind, setKind] = useState<NoteKind>('descriptive');
  const [text, setText] = useState('');
  if (!props.canWrite) return null;
  return (
    <div className="composer" aria-label="selection tools">
      {props.selection ? (
        <>
          <span className="small">Selected {props.cite(props.selection)}: press 1-9, click a theme, or</span>
          <select aria-label="note kind" value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
            {NOTE_KINDS.map((k) => <option key={k} value={k}>{k} note</option>)}
          </select>
          <input aria-label="note or statement text" placeholder="write a note or an experiential statement" value={text} onChange={(e) => setText(e.target.value)} />
          <button disabled={!text.trim()} onClick={() => { props.onNote(kind, text); setText(''); }}>Add note</button>
          <button className="secondary" disabled={!text.trim()} onClick={() => { props.onStatement(text); setText(''); }}>Add statement</button>
        </>
      ) : (
        <span className="muted small">Select text in the transcript to code it (keys 1-9), to annotate it, or to write an experiential statement. “/” finds a theme.</span>
      )}
    </div>
  );
}
