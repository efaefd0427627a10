import { useMemo, useState } from 'react';
import { accessContext, decideAccess } from '../../../shared/access';
import { addGroupTheme, boardScope, type GroupCluster, type PetCard, placePet, readGroupBoard, reorderTheme } from '../../../shared/boards';
import type { User } from '../api';
import { Link } from '../router';
import { useThemeTree } from '../workspace/useThemeTree';
import { ClusterZone } from './ClusterZone';
import { NewThemeForm } from './NewThemeForm';
import { useBoardWriter } from './useBoardWriter';
import { useStudyBasics } from './useStudyBasics';
import './boards.css';

const PET = 'application/x-concord-pet';

/**
 * The board across participants (issue 15 item 4): the PETs of every case in one scope as cards,
 * clustered into group experiential themes with sub-themes; each GET says which participants
 * contribute. A coder in a blind study works their own scope (their private codebook); the shared
 * scope holds the agreed PETs and the lead's GETs.
 */
export function GroupBoardPage({ studyId, me }: { studyId: string; me: User }) {
  const { data, error } = useStudyBasics(studyId, me.id);
  const study = data?.study ?? null;
  const members = useMemo(() => data?.members ?? [], [data]);
  const { codebook, ownPrivate, tree } = useThemeTree(study, members, me.id);
  const ctx = study ? accessContext(study, me.id, study.role) : null;
  const myRole = study?.role ?? null;
  const mine = study ? boardScope(study, me.id, myRole) : null;
  const scopes = ctx && study ? [null, ...members.filter((m) => m.role !== 'auditor' && decideAccess({ kind: 'privateCodebook', studyId, ownerId: m.userId }, ctx) !== 'none' && boardScope(study, m.userId, m.role) !== null).map((m) => m.userId)] : [null];
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const scope = picked === undefined ? (myRole === 'coder' || myRole === 'lead' ? mine : null) : picked;
  const writes = ctx !== null && study !== null && scope === mine && (myRole === 'coder' || myRole === 'lead') && decideAccess(scope === null ? { kind: 'codebook', studyId } : { kind: 'privateCodebook', studyId, ownerId: scope }, ctx) === 'write';
  const writer = useBoardWriter(codebook.doc, ownPrivate?.doc ?? null, scope !== null, writes);

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!data || !study || !tree) return <div className="page">Loading…</div>;
  const pseudonym = new Map(data.participants.map((p) => [p.id, p.pseudonym]));
  const participantOf = new Map(data.transcripts.map((t) => [t.id, pseudonym.get(t.participantId) ?? t.title]));
  const board = readGroupBoard(tree, scope, (c) => participantOf.get(c));
  const { terms } = board;
  const t = writer.target;
  const editable = t !== null;
  const targets = board.gets.flatMap((g) => [{ id: g.theme.id, label: g.theme.label }, ...g.subs.map((s) => ({ id: s.theme.id, label: `${g.theme.label} › ${s.theme.label}` }))]);
  const place = (petId: string, to: string | null) => t && writer.run(() => placePet(t.doc, tree, petId, to, t.shared));
  const nameOf = (uid: string | null) => (uid === null ? 'Shared (agreed)' : uid === me.id ? 'Yours' : (members.find((m) => m.userId === uid)?.name ?? 'someone'));
  const total = data.participants.length;

  const petCard = (p: PetCard, from: string | null) => (
    <li key={p.theme.id} className="board-card board-pet" draggable={editable} data-pet={p.theme.id} onDragStart={(e) => e.dataTransfer.setData(PET, JSON.stringify({ id: p.theme.id, from }))}>
      <p className="board-card-text"><span className="who">{p.participant}</span>{p.theme.label}</p>
      {editable && (
        <div className="board-card-menus">
          <select aria-label={`Place “${p.theme.label}” (${p.participant}) in`} value="" onChange={(e) => e.target.value && place(p.theme.id, e.target.value === '-' ? null : e.target.value)}>
            <option value="">Place in…</option>
            {from !== null && <option value="-">No {terms.get.toLowerCase()}</option>}
            {targets.filter((x) => x.id !== from).map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}
          </select>
        </div>
      )}
    </li>
  );
  const cluster = (g: GroupCluster, sub: boolean) => (
    <ClusterZone
      key={g.theme.id}
      title={g.theme.label}
      level={g.theme.levelName}
      color={g.theme.color}
      heading={sub ? 'h3' : 'h2'}
      className={sub ? 'sub' : undefined}
      dataTheme={g.theme.id}
      dragType={PET}
      onDrop={editable ? (d) => place(d.id, g.theme.id) : undefined}
      onReorder={editable && t ? (step) => writer.run(() => reorderTheme(t.doc, tree, g.theme.id, step, t.shared)) : undefined}
    >
      <p className="board-participants muted">Participants: {g.participants.length === 0 ? 'none yet' : `${g.participants.join(', ')} (${g.participants.length} of ${total})`}</p>
      <ul className="board-cards">{g.pets.map((p) => petCard(p, g.theme.id))}</ul>
      {g.subs.map((s) => cluster(s, true))}
      {!sub && editable && t && terms.getSub && (
        <NewThemeForm label={`New ${terms.getSub.toLowerCase()} of ${g.theme.label}`} button="Add" onCreate={(label) => writer.run(() => void addGroupTheme(t.doc, tree, { label, parentId: g.theme.id, createdBy: me.id }, t.shared))} />
      )}
    </ClusterZone>
  );

  return (
    <div className="page board-page">
      <p className="crumbs"><Link to={`/studies/${study.id}`}>{study.title}</Link> /</p>
      <h1>{terms.get}s across participants</h1>
      <p className="muted">Cluster the {terms.pet.toLowerCase()}s of every participant into {terms.get.toLowerCase()}s. Drag a card onto a cluster or use its “Place in” menu; Alt+↑/↓ on a cluster reorders it.</p>
      {scopes.length > 1 && (
        <label className="board-new">Whose themes
          <select value={scope ?? ''} onChange={(e) => setPicked(e.target.value === '' ? null : e.target.value)}>
            {scopes.map((s) => <option key={s ?? ''} value={s ?? ''}>{nameOf(s)}</option>)}
          </select>
        </label>
      )}
      {writer.error && <p className="error" role="alert">{writer.error}</p>}
      {editable && t && <NewThemeForm label={`Name a new ${terms.get.toLowerCase()}`} button="Create cluster" onCreate={(label) => writer.run(() => void addGroupTheme(t.doc, tree, { label, createdBy: me.id }, t.shared))} />}
      <p className="muted">{board.cases} of {data.transcripts.length} transcripts have {terms.pet.toLowerCase()}s here.</p>
      <div className="board">
        <ClusterZone title={`${terms.pet}s not in a ${terms.get.toLowerCase()}`} level={`${board.unplaced.length} ${board.unplaced.length === 1 ? 'card' : 'cards'}`} dragType={PET} onDrop={editable ? (d) => place(d.id, null) : undefined}>
          <ul className="board-cards">{board.unplaced.map((p) => petCard(p, null))}</ul>
        </ClusterZone>
        <div className="board-clusters" aria-label={`${terms.get}s`}>{board.gets.map((g) => cluster(g, false))}</div>
      </div>
    </div>
  );
}
