import { sha256 } from '@oslojs/crypto/sha2';
import type * as Y from 'yjs';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { addCoding, addNote, addStatement } from '../../../shared/coding';
import { DEFAULT_LINE_WIDTH, DEFAULT_RECURRENCE_RULE } from '../../../shared/domain';
import { docName, codebookDocName } from '../../../shared/docNames';
import { type CarriedCase, CONSENSUS_USER, type ImportPlan, type ImportReport, planImport, readProjectBytes, userGuid } from '../../../shared/refi';
import { addTheme, setLevels } from '../../../shared/themes';
import { firstState } from '../../ydocs/firstState';
import { newId } from '../../ids';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type NewDocUpdate, appendDocUpdates } from '../../store/docLog';
import { insertCarriedProject, insertCarriedSource } from '../../store/interchange';
import { insertMember } from '../../store/members';
import { insertParticipant } from '../../store/participants';
import { type Study, insertStudy } from '../../store/studies';
import { insertTranscript } from '../../store/transcripts';
import { findUserByEmail, insertUser } from '../../store/users';
import { invalid } from '../../errors';
import type { Actor } from '../access/actor';
import { REFI_MAX_IMPORTED_USERS, assertRefiSize, displayName, readRefi } from './refiErrors';
import { parseUpload } from '../uploads/UploadParser';

export interface ImportedProject {
  study: Study;
  report: ImportReport;
  /** Accounts created for the file's coders: they cannot sign in until someone gives them a password. */
  pendingUsers: { userId: string; name: string }[];
  /** File users whose work went to existing accounts, as the importer asked. */
  mappedUsers: { name: string; userId: string; email: string }[];
}

/** What an import would create, and the file's users to map: nothing is stored. */
export interface ProjectPreview {
  title: string;
  levels: readonly string[] | null;
  report: ImportReport;
  users: { guid: string; name: string; codings: number }[];
}

export function previewProject(plan: ImportPlan): ProjectPreview {
  const codings = (guid: string) => plan.transcripts.reduce((n, t) => n + (t.layers.find((l) => l.userGuid === guid)?.codings.length ?? 0), 0);
  return { title: plan.title, levels: plan.levels, report: plan.report, users: plan.users.map((u) => ({ guid: u.guid, name: u.name, codings: codings(u.guid) })) };
}

/**
 * Reads an uploaded project into an import plan in the upload worker (commands/uploads), off
 * the event loop; refusals are AppErrors and nothing is stored.
 */
export function planProjectUpload(s: Services, file: { name: string; bytes: Uint8Array }): Promise<ImportPlan> {
  return parseUpload<ImportPlan>(s, { kind: 'project', name: file.name, bytes: file.bytes, lineWidth: DEFAULT_LINE_WIDTH, now: s.now() });
}

/** Reads a .qdpx (zip) or a bare .qde into an import plan; refusals are AppErrors and nothing is stored. */
export function readProjectFile(file: { name: string; bytes: Uint8Array }, lineWidth: number, now: number): ImportPlan {
  const name = displayName(file.name);
  assertRefiSize(file.bytes, name);
  return readRefi(() => planImport(readProjectBytes(file.bytes, name), { lineWidth, now, maxUsers: REFI_MAX_IMPORTED_USERS }));
}


/**
 * The importer's explicit choice of existing accounts for the file's users (keys: a user's name
 * or GUID as the preview lists them). Every key must name a user with work in the file and every
 * address an existing, signed-up account, or the import is refused before anything is stored: a
 * typo must not silently create a pending account instead.
 */
async function resolveMappings(s: Services, plan: ImportPlan, users: Readonly<Record<string, string>>) {
  const out: { guid: string; name: string; userId: string; email: string }[] = [];
  for (const [key, email] of Object.entries(users)) {
    const matches = plan.users.filter((u) => u.guid === key.toLowerCase() || u.name === key);
    if (matches.length !== 1) throw invalid(matches.length ? `"${key}" names ${matches.length} users of the file; use their GUIDs` : `the file has no user "${key}" with imported work`);
    const account = await findUserByEmail(s.db, email);
    if (!account || account.passwordHash === '') throw invalid(`no active account ${email}; create or invite it first`);
    out.push({ guid: matches[0]!.guid, name: matches[0]!.name, userId: account.id, email: account.email });
  }
  return out;
}

/**
 * Pending accounts carry an address under `.invalid` (RFC 2606: never deliverable, never anyone's)
 * and an empty password hash, which no password verifies: they exist so that a coder's layer has
 * an owner, and sign in only once an administrator gives them a real address and password.
 */
function pendingEmail(name: string): string {
  const slug = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.+|\.+$/g, '').slice(0, 30) || 'coder';
  return `${slug}.${newId()}@pending.invalid`;
}

/**
 * Imports a REFI-QDA project as a NEW study led by the caller (any signed-in user may create a
 * study). The whole file is read and planned first, the codebook and layer documents are built in
 * memory, and then everything (study, accounts, memberships, participants, transcripts, the
 * documents' first states, audit events) is written in one transaction: a crash or a refusal at
 * any point leaves either the whole study or nothing (docs/interchange.md). The
 * file's users become pending coder accounts, except a user whose GUID is the caller's own in a
 * Concord export and users the caller explicitly maps to existing accounts: a file by itself
 * must not be able to write into another real account's layer.
 */
export async function importProject(s: Services, actor: Actor, file: { name: string; bytes: Uint8Array }, options: { users?: Readonly<Record<string, string>> } = {}): Promise<ImportedProject> {
  const now = s.now();
  const plan = await planProjectUpload(s, file);
  const mapped = await resolveMappings(s, plan, options.users ?? {});
  const study: Study = {
    id: newId(),
    title: plan.title,
    description: `Imported from ${displayName(file.name)}${plan.report.origin ? ` (${plan.report.origin})` : ''}`,
    codingMode: 'blind',
    terminology: plan.levels ? { kind: 'custom', levels: [...plan.levels] } : { kind: '2022' },
    lineWidth: DEFAULT_LINE_WIDTH,
    recurrenceRule: DEFAULT_RECURRENCE_RULE,
    codebookPhase: 'open',
    independentThemes: false,
    themesRevealedAt: null,
    tableNotes: 'none',
    createdBy: actor.user.id,
    createdAt: now,
    updatedAt: now,
  };
  const ownGuid = userGuid(actor.user.id);
  const userIdOf = new Map<string, string>([[ownGuid, actor.user.id], ...mapped.map((m): [string, string] => [m.guid, m.userId])]);
  const pendingOf = new Map<string, { userId: string; name: string }>();
  const transcriptIdOf = new Map<string, string>();
  const memberAdded = new Set<string>();
  const audit = (action: string, target: string, data: unknown) => ({ studyId: study.id, actorId: actor.user.id, action, target, data, at: now });

  // Ids are drawn before the transaction so that the documents can be built first and appended
  // in it: the rows, the codebook, every layer and the audit events commit together or not at
  // all (issue 14 item 6; a crash mid-import used to leave transcripts without themes or layers).
  for (const u of plan.users) {
    if (userIdOf.has(u.guid)) continue;
    const userId = newId();
    userIdOf.set(u.guid, userId);
    pendingOf.set(u.guid, { userId, name: u.name.slice(0, 120) });
  }
  for (const t of plan.transcripts) transcriptIdOf.set(t.sourceGuid, newId());
  const { docs, warnings } = importedDocs(plan, study.id, actor.user.id, now, userIdOf, transcriptIdOf);

  await s.db.transaction().execute(async (trx) => {
    await insertStudy(trx, study);
    await insertMember(trx, { studyId: study.id, userId: actor.user.id, role: 'lead', now });
    await appendAudit(trx, audit('study.create', `study:${study.id}`, { title: study.title, codingMode: study.codingMode, importedFrom: file.name }));
    for (const m of mapped) {
      if (m.userId === actor.user.id || memberAdded.has(m.userId)) continue;
      memberAdded.add(m.userId);
      await insertMember(trx, { studyId: study.id, userId: m.userId, role: 'coder', now });
      await appendAudit(trx, audit('member.add', `user:${m.userId}`, { role: 'coder', refiUser: m.guid, refiName: m.name }));
    }
    for (const u of plan.users) {
      const pending = pendingOf.get(u.guid);
      if (!pending) continue;
      await insertUser(trx, { id: pending.userId, email: pendingEmail(u.name), name: pending.name, passwordHash: '', isAdmin: false, now, pendingStudyId: study.id });
      await insertMember(trx, { studyId: study.id, userId: pending.userId, role: 'coder', now });
      await appendAudit(trx, audit('member.add', `user:${pending.userId}`, { role: 'coder', pending: true, refiUser: u.guid }));
    }
    const participantIdOf = new Map<string, string>();
    const cases: Record<string, CarriedCase> = {};
    const caseless: string[] = [];
    for (const p of plan.participants) {
      const id = newId();
      await insertParticipant(trx, { id, studyId: study.id, pseudonym: p.pseudonym, attributes: {}, createdAt: now });
      await appendAudit(trx, audit('participant.add', `participant:${id}`, { pseudonym: p.pseudonym }));
      participantIdOf.set(p.key, id);
      if (p.case) cases[id] = p.case;
      else caseless.push(id);
    }
    for (const t of plan.transcripts) {
      const id = transcriptIdOf.get(t.sourceGuid)!;
      const text = t.frozen.text;
      const row = { id, studyId: study.id, participantId: participantIdOf.get(t.participantKey) ?? '', title: t.title, text, sha256: encodeHexLowerCase(sha256(new TextEncoder().encode(text))), lineWidth: study.lineWidth, phase: 'coding' as const, createdBy: actor.user.id, createdAt: now, length: text.length, turns: t.frozen.turns.map((x) => ({ speaker: x.speaker, start: x.start, end: x.end })), lines: t.frozen.lines };
      await insertTranscript(trx, row);
      await appendAudit(trx, audit('transcript.import', `transcript:${id}`, { participantId: row.participantId, title: row.title, sha256: row.sha256, lines: t.frozen.lines.length, lineWidth: row.lineWidth, source: { kind: 'refi-qda', fileName: file.name, sourceGuid: t.sourceGuid } }));
    }
    const fileUsers = new Set(plan.carried.users.map((u) => u.guid));
    const accounts = Object.fromEntries([...userIdOf].filter(([guid]) => fileUsers.has(guid)));
    await insertCarriedProject(trx, study.id, { ...plan.carried, accounts, cases, caseless, description: { file: plan.description, study: study.description } });
    for (const t of plan.transcripts) await insertCarriedSource(trx, study.id, transcriptIdOf.get(t.sourceGuid)!, t.carried);
    await appendDocUpdates(trx, docs);
    await appendAudit(trx, audit('project.import', `study:${study.id}`, { fileName: file.name, bytes: file.bytes.length, origin: plan.report.origin, imported: plan.report.imported, skipped: plan.report.skipped.length }));
  });
  return { study, report: { ...plan.report, warnings: [...plan.report.warnings, ...warnings] }, pendingUsers: [...pendingOf.values()], mappedUsers: mapped.map((m) => ({ name: m.name, userId: m.userId, email: m.email })) };
}

/**
 * The codebook and every layer of an import as first states of new documents (docs/firstState).
 * A document that cannot be built (say, a layer over the document size limit) is left out and
 * reported with the rest, as a skipped element of the file is.
 */
function importedDocs(plan: ImportPlan, studyId: string, authorId: string, now: number, userIdOf: ReadonlyMap<string, string>, transcriptIdOf: ReadonlyMap<string, string>) {
  const docs: NewDocUpdate[] = [];
  const warnings: string[] = [];
  const build = (name: string, what: string, fn: (doc: Y.Doc) => void) => {
    try {
      docs.push(firstState(name, fn, authorId, now));
    } catch (e) {
      warnings.push(`${what} could not be written: ${e instanceof Error ? e.message : 'unknown error'}`);
    }
  };
  build(codebookDocName(studyId), 'the codebook', (doc) => {
    if (plan.levels) setLevels(doc, plan.levels);
    for (const t of plan.themes) addTheme(doc, { id: t.id, label: t.label, parentId: t.parentId, description: t.description, ...(t.color ? { color: t.color } : {}), createdBy: authorId, createdAt: now });
  });
  for (const t of plan.transcripts) {
    const transcriptId = transcriptIdOf.get(t.sourceGuid);
    if (!transcriptId) continue;
    for (const layer of t.layers) {
      const ownerId = userIdOf.get(layer.userGuid);
      const consensus = layer.userGuid === CONSENSUS_USER.guid;
      const name = consensus ? docName({ kind: 'consensus', transcriptId }) : ownerId ? docName({ kind: 'layer', transcriptId, ownerId }) : null;
      if (!name) continue;
      const length = t.frozen.text.length;
      build(name, `the ${consensus ? 'consensus' : 'coding'} layer of ${t.title}`, (doc) => {
        for (const c of layer.codings) addCoding(doc, length, c);
        for (const n of layer.notes) addNote(doc, length, n);
        for (const st of layer.statements) addStatement(doc, length, st);
      });
    }
  }
  return { docs, warnings };
}
