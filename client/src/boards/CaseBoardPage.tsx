import { useMemo, useState } from 'react';
import { accessContext, decideAccess } from '../../../shared/access';
import { addCluster, boardScope, type CaseCluster, moveCard, readCaseBoard, reorderTheme } from '../../../shared/boards';
import { readLayer } from '../../../shared/coding';
import { docName } from '../../../shared/docNames';
import type { User } from '../api';
import { Link } from '../router';
import { useDoc } from '../workspace/useDoc';
import { useThemeTree } from '../workspace/useThemeTree';
import { useTranscript } from '../workspace/useTranscript';
import { ClusterZone } from './ClusterZone';
import { NewThemeForm } from './NewThemeForm';
import { type ClusterOption, StatementCard } from './StatementCard';
import { useBoardWriter } from './useBoardWriter';
import './boards.css';

const CARD = 'application/x-concord-card';

/**
 * A participant's clustering board (issue 15 item 4): one coder's experiential statements of this
 * transcript as cards, clustered into the case's personal experiential themes. The user's own
 * board is editable (by drag, or by the cards' menus and the clusters' arrows); another coder's is
 * shown read-only where the access rule lets the user read it (docs/theme-model.md, boards).
 */
export function CaseBoardPage({ transcriptId, me }: { transcriptId: string; me: User }) {
  const { data, study, members, error } = useTranscript(transcriptId, me.id);
  const coders = useMemo(() => members.filter((m) => m.role !== 'auditor'), [members]);
  const ctx = study && data ? accessContext(study, me.id, study.role, data.transcript.phase) : null;
  const readable = ctx ? coders.filter((m) => decideAccess({ kind: 'layer', transcriptId, ownerId: m.userId }, ctx) !== 'none') : [];
  const [picked, setPicked] = useState<string | null>(null);
  const viewing = picked ?? (readable.some((m) => m.userId === me.id) ? me.id : (readable[0]?.userId ?? null));
  const { codebook, ownPrivate, tree } = useThemeTree(study, members, me.id);
  const layer = useDoc(viewing ? docName({ kind: 'layer', transcriptId, ownerId: viewing }) : null, viewing === me.id ? me.id : undefined);
  const textLength = data?.text.length ?? 0;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const statements = useMemo(() => (layer.doc && data ? readLayer(layer.doc, textLength).statements : []), [layer.doc, layer.version, data, textLength]);
  const viewerRole = members.find((m) => m.userId === viewing)?.role ?? null;
  const scope = study && viewing ? boardScope(study, viewing, viewerRole) : null;
  const own = viewing === me.id && ctx !== null && decideAccess({ kind: 'layer', transcriptId, ownerId: me.id }, ctx) === 'write' && layer.status !== 'forbidden';
  const writesCodebook = ctx && study ? decideAccess(scope === null ? { kind: 'codebook', studyId: study.id } : { kind: 'privateCodebook', studyId: study.id, ownerId: scope }, ctx) === 'write' : false;
  const writer = useBoardWriter(codebook.doc, ownPrivate?.doc ?? null, scope !== null, own && writesCodebook);
  const editable = writer.target !== null;

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!data || !study || !tree) return <div className="page">Loading…</div>;
  const board = readCaseBoard(tree, statements, transcriptId, scope);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const { terms } = board;
  const options: ClusterOption[] = board.clusters.flatMap((c) => [{ id: c.theme.id, label: c.theme.label }, ...c.subs.map((s) => ({ id: s.theme.id, label: `${c.theme.label} › ${s.theme.label}` }))]);
  const move = (id: string, from: string | null, to: string | null) => {
    const st = byId.get(id);
    if (st && layer.doc && from !== to) writer.run(() => moveCard(layer.doc!, textLength, st, { from, to }));
  };
  const t = writer.target;
  const nameOf = (uid: string) => members.find((m) => m.userId === uid)?.name ?? 'someone';

  const cards = (ids: readonly string[], from: string | null) => (
    <ul className="board-cards">
      {ids.map((id) => byId.get(id)).filter((s) => s !== undefined).map((s) => (
        <StatementCard key={s.id} statement={s} text={data.text} lines={data.lines} from={from} options={options} editable={editable} onMove={(to) => move(s.id, from, to)} onAlso={(to) => move(s.id, null, to)} />
      ))}
    </ul>
  );
  const cluster = (c: CaseCluster, sub: boolean) => (
    <ClusterZone
      key={c.theme.id}
      title={c.theme.label}
      level={`${c.theme.levelName} · ${c.cards.length} ${c.cards.length === 1 ? 'statement' : 'statements'}`}
      color={c.theme.color}
      heading={sub ? 'h3' : 'h2'}
      className={sub ? 'sub' : undefined}
      dataTheme={c.theme.id}
      dragType={CARD}
      onDrop={editable ? (d) => move(d.id, d.from, c.theme.id) : undefined}
      onReorder={editable && t ? (step) => writer.run(() => reorderTheme(t.doc, tree, c.theme.id, step, t.shared)) : undefined}
    >
      {cards(c.cards, c.theme.id)}
      {c.subs.map((s) => cluster(s, true))}
      {!sub && editable && t && terms.petSub && (
        <NewThemeForm label={`New ${terms.petSub.toLowerCase()} of ${c.theme.label}`} button="Add" onCreate={(label) => writer.run(() => void addCluster(t.doc, tree, { label, caseId: transcriptId, parentId: c.theme.id, createdBy: me.id }, t.shared))} />
      )}
    </ClusterZone>
  );

  return (
    <div className="page board-page">
      <p className="crumbs"><Link to={`/studies/${study.id}`}>{study.title}</Link> / <Link to={`/transcripts/${transcriptId}`}>{data.transcript.title}</Link> /</p>
      <h1>Clustering board: {data.transcript.title}</h1>
      <p className="muted">
        Cluster the experiential statements into {terms.pet.toLowerCase()}s. Drag a card onto a cluster, or use its “Move to” menu; Alt+↑/↓ on a cluster reorders it.
        {scope !== null && ' These themes are private until the study reveals them.'} <Link to={`/studies/${study.id}/boards`}>Board across participants</Link>
      </p>
      {readable.length > 1 && (
        <label className="board-new">Whose board
          <select value={viewing ?? ''} onChange={(e) => setPicked(e.target.value)}>
            {readable.map((m) => <option key={m.userId} value={m.userId}>{m.userId === me.id ? `${m.name} (you)` : m.name}</option>)}
          </select>
        </label>
      )}
      {viewing === null && <p className="muted">No coder's statements are visible to you for this transcript yet.</p>}
      {writer.error && <p className="error" role="alert">{writer.error}</p>}
      {editable && t && <NewThemeForm label={`Name a new ${terms.pet.toLowerCase()}`} button="Create cluster" onCreate={(label) => writer.run(() => void addCluster(t.doc, tree, { label, caseId: transcriptId, createdBy: me.id }, t.shared))} />}
      {viewing !== null && !editable && <p className="muted">{nameOf(viewing)}'s board (read only).</p>}
      <div className="board">
        <ClusterZone title="Not clustered" level={`${board.unclustered.length} of ${statements.length} statements`} dragType={CARD} onDrop={editable ? (d) => move(d.id, d.from, null) : undefined}>
          {cards(board.unclustered, null)}
          {statements.length === 0 && <p className="muted">No experiential statements yet: write them in the worksheet.</p>}
        </ClusterZone>
        <div className="board-clusters" aria-label={`${terms.pet}s`}>
          {board.clusters.map((c) => cluster(c, false))}
        </div>
      </div>
    </div>
  );
}
