import { MAX_TRANSCRIPT_TEXT_LENGTH, freezeTranscript } from '../transcript';
import type { ImportPlan, PlannedParticipant, PlannedTheme, PlannedTranscript, PlannedUser, SkippedItem } from './importPlan';
import type { CarriedCode } from './carried';
import { THEME_PALETTE } from '../themes';
import { planLayers } from './planLayers';
import { planThemes } from './planThemes';
import type { RefiProject } from './project';
import { CONSENSUS_USER } from './consensusUser';
import { inFile } from './where';

export interface PlanOptions {
  readonly lineWidth: number;
  /** Used for records without a creation time. */
  readonly now: number;
  /** Largest number of distinct users whose layers an import may create (each becomes an account). */
  readonly maxUsers: number;
}

const PSEUDONYM_LENGTH = 60;

/**
 * What the theme model does not hold of each code: a code without a colour gets one from the
 * palette (every theme shows one), remembered so that the export writes none while it is
 * unchanged; `isCodable="false"`; the code's NoteRefs. Themes get their colours here, in order,
 * as addTheme would have given them.
 */
function carriedCodes(project: RefiProject, themes: PlannedTheme[], idOf: ReadonlyMap<string, string>): Record<string, CarriedCode> {
  const byGuid = new Map(project.codes.map((c) => [c.guid, c]));
  const out: Record<string, CarriedCode> = {};
  const themeOf = new Map(themes.map((t, i) => [t.id, i]));
  for (const [guid, id] of idOf) {
    const code = byGuid.get(guid);
    const i = themeOf.get(id);
    if (!code || i === undefined) continue;
    const theme = themes[i]!;
    let assignedColor: string | undefined;
    if (!theme.color) {
      assignedColor = THEME_PALETTE[i % THEME_PALETTE.length]!;
      themes[i] = { ...theme, color: assignedColor };
    }
    const entry: CarriedCode = { ...(assignedColor ? { assignedColor } : {}), ...(code.isCodable ? {} : { notCodable: true as const }), ...(code.noteGuids?.length ? { noteGuids: code.noteGuids } : {}) };
    if (Object.keys(entry).length) out[id] = entry;
  }
  return out;
}

/** One entry per kind of source not imported, with the reason (a TextSource without readable text says so). */
function refusedSources(project: RefiProject): { element: string; reason: string }[] {
  const byKind = new Map<string, string>();
  for (const x of project.skippedSources) if (!byKind.has(x.kind)) byKind.set(x.kind, x.kind === 'TextSource' ? 'no readable plain text (see skipped)' : `${x.kind.replace('Source', '')} sources are not transcripts`);
  return [...byKind].map(([kind, reason]) => ({ element: `<${kind}>`, reason }));
}

/** Pseudonyms are unique per study: later duplicates get a number. */
function uniquePseudonym(name: string, taken: Set<string>): string {
  const base = name.replace(/\s+/g, ' ').trim().slice(0, PSEUDONYM_LENGTH) || 'Participant';
  let p = base;
  for (let n = 2; taken.has(p.toLowerCase()); n++) p = `${base.slice(0, PSEUDONYM_LENGTH - 6)} (${n})`;
  taken.add(p.toLowerCase());
  return p;
}

/**
 * Decides everything a project import will create, without touching any store: the server then
 * only executes the plan, and a file that cannot be read never reaches the database. Text sources
 * become transcripts frozen at the study's line width; Cases become participants (a source in no
 * Case gets a participant of its own name); each creating user's selections become their layer.
 */
export function planImport(project: RefiProject, options: PlanOptions): ImportPlan {
  const skipped: SkippedItem[] = project.skippedSources.map((s) => ({ kind: 'source' as const, name: `${s.name} (${s.kind})`, reason: s.reason }));
  for (const sel of project.skippedSelections) {
    skipped.push({ kind: 'selection', name: `${sel.source}: ${sel.name ? `"${sel.name.slice(0, 60)}"` : sel.guid} [${sel.start}, ${sel.end}]`, reason: 'its positions lie outside the text' });
  }
  // Reported above as skipped items; the parser's wording of the same facts would say it twice.
  const warnings = project.warnings.filter((w) => !/lies outside the text; skipped$|no readable plain text; skipped$/.test(w));
  const themeWarnings: string[] = [];
  const { themes, idOf, levels } = planThemes(project.codes, skipped, themeWarnings);
  const codes = carriedCodes(project, themes, idOf);
  for (const w of themeWarnings) warnings.push(inFile(project.file, w));

  const taken = new Set<string>();
  const participants: PlannedParticipant[] = [];
  const caseOf = new Map<string, string>();
  for (const c of project.cases) {
    participants.push({ key: c.guid, pseudonym: uniquePseudonym(c.name, taken), case: { guid: c.guid, name: c.name, description: c.description, ...(c.variableValues ? { variableValues: c.variableValues } : {}) } });
    for (const g of c.sourceGuids) if (!caseOf.has(g)) caseOf.set(g, c.guid);
  }

  const notes = new Map(project.notes.map((n) => [n.guid, n]));
  const ctx = { themeIdOf: idOf, notes, links: project.links, now: options.now, skipped, attachedNotes: new Set<string>(), usedLinks: new Set<string>() };
  let transcripts: PlannedTranscript[] = [];
  for (const s of project.sources) {
    if (s.text.length > MAX_TRANSCRIPT_TEXT_LENGTH) {
      skipped.push({ kind: 'source', name: s.name, reason: `its text exceeds ${MAX_TRANSCRIPT_TEXT_LENGTH} characters` });
      continue;
    }
    const frozen = freezeTranscript(s.text, { lineWidth: options.lineWidth });
    if (frozen.text.trim().length === 0) {
      skipped.push({ kind: 'source', name: s.name, reason: 'its text is empty' });
      continue;
    }
    let participantKey = caseOf.get(s.guid);
    if (!participantKey) {
      participantKey = `source:${s.guid}`;
      participants.push({ key: participantKey, pseudonym: uniquePseudonym(s.name, taken) });
    }
    const title = s.name.replace(/\s+/g, ' ').trim().slice(0, 200) || 'Untitled source';
    transcripts.push({ sourceGuid: s.guid, title, participantKey, frozen, ...planLayers(s, frozen.text, ctx) });
  }
  // A note on no passage (the project's, a code's, or no one's) is not a Concord record: it is
  // carried as the file had it and written back (issue 17 item 2).
  const looseNotes = project.notes.filter((n) => !ctx.attachedNotes.has(n.guid));
  // Links that did not become a statement's themes are carried as the file wrote them.
  const otherLinks = (project.linkXml ?? []).filter((l) => !l.guid || !ctx.usedLinks.has(l.guid)).map((l) => l.raw);

  const names = new Map(project.users.map((u) => [u.guid, u.name]));
  const withWork = new Set(transcripts.flatMap((t) => t.layers.map((l) => l.userGuid)).filter((g) => g !== CONSENSUS_USER.guid));
  let users: PlannedUser[] = [...withWork].map((guid) => ({ guid, name: names.get(guid) ?? `User ${guid.slice(0, 8)}` }));
  // Listed users without codings or notes get no account: an import creates owners of work only.
  for (const u of project.users) if (!withWork.has(u.guid) && u.guid !== CONSENSUS_USER.guid) skipped.push({ kind: 'user', name: u.name, reason: 'no codings or notes of theirs were imported' });
  if (users.length > options.maxUsers) {
    const kept = new Set(users.slice(0, options.maxUsers).map((u) => u.guid));
    for (const u of users.slice(options.maxUsers)) skipped.push({ kind: 'user', name: u.name, reason: `more than ${options.maxUsers} coders in one import` });
    users = users.filter((u) => kept.has(u.guid));
    transcripts = transcripts.map((t) => ({ ...t, layers: t.layers.filter((l) => kept.has(l.userGuid) || l.userGuid === CONSENSUS_USER.guid) }));
  }
  const count = (f: (l: PlannedTranscript['layers'][number]) => number) => transcripts.reduce((n, t) => n + t.layers.reduce((m, l) => m + f(l), 0), 0);
  return {
    title: project.name.replace(/\s+/g, ' ').trim().slice(0, 200) || 'Imported project',
    levels,
    themes,
    description: project.description ?? null,
    participants,
    transcripts,
    users,
    carried: {
      creatingUserGuid: project.creatingUserGuid ?? null,
      createdAt: project.createdAt ?? null,
      users: project.users.map((u) => ({ guid: u.guid, name: u.name })),
      ...(project.modified ? { modified: project.modified } : {}),
      codes,
      ...(looseNotes.length ? { looseNotes } : {}),
      ...(otherLinks.length ? { links: otherLinks } : {}),
      ...(project.noteGuids?.length ? { noteGuids: project.noteGuids } : {}),
      ...(project.sections && Object.keys(project.sections.carried).length ? { sections: project.sections.carried } : {}),
    },
    report: {
      origin: project.origin,
      convention: project.convention,
      imported: {
        themes: themes.length,
        participants: participants.length,
        transcripts: transcripts.length,
        users: users.length,
        codings: count((l) => l.codings.length),
        notes: count((l) => l.notes.length),
        statements: count((l) => l.statements.length),
      },
      skipped,
      warnings,
      parts: {
        modelled: [
          ...(project.users.length ? ['Users'] : []),
          ...(project.codes.length ? ['CodeBook'] : []),
          ...(project.cases.length ? ['Cases'] : []),
          ...(project.sources.length ? ['Sources (TextSource)'] : []),
          ...(project.notes.length ? ['Notes'] : []),
          ...(ctx.usedLinks.size ? ['Links'] : []),
        ],
        carried: [...(looseNotes.length ? ['Notes (not on a passage)'] : []), ...(otherLinks.length ? ['Links (not of experiential statements)'] : []), ...(project.cases.some((c) => c.variableValues) || project.sources.some((s) => s.variableValues) ? ['VariableValues of Cases and sources'] : []), ...(project.noteGuids?.length ? ['NoteRefs of the Project'] : []), ...Object.keys(project.sections?.carried ?? {})],
        refused: [...(project.sections?.refused ?? []), ...refusedSources(project), ...(project.dropped ?? [])],
      },
    },
  };
}
