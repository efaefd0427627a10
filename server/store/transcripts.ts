import type { DocRef } from '../../shared/docNames';
import type { TranscriptPhase } from '../../shared/domain';
import { type Line, linesOf } from '../../shared/transcript';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { Database } from './database';

export interface Turn {
  speaker: string | null;
  start: number;
  end: number;
  meta?: Record<string, unknown>;
}

export interface TranscriptMeta {
  id: string;
  studyId: string;
  participantId: string;
  title: string;
  sha256: string;
  lineWidth: number;
  phase: TranscriptPhase;
  createdBy: string;
  createdAt: number;
  length: number;
}

export interface TranscriptRow extends TranscriptMeta {
  text: string;
  turns: Turn[];
  /** The line map stored when the text was frozen: every line reference reads it. */
  lines: Line[];
}

const encodeLines = (lines: readonly Line[]) => JSON.stringify(lines.map((l) => [l.start, l.end]));
const decodeLines = (json: string | null, text: string): Line[] =>
  json === null ? linesOf(text) : (JSON.parse(json) as [number, number][]).map(([start, end], i) => ({ n: i + 1, start, end }));

const metaCols = ['id', 'study_id', 'participant_id', 'title', 'sha256', 'line_width', 'phase', 'created_by', 'created_at'] as const;
type MetaRow = {
  id: string;
  study_id: string;
  participant_id: string;
  title: string;
  sha256: string;
  line_width: number;
  phase: string;
  created_by: string;
  created_at: number;
};
const toMeta = (r: MetaRow, length: number): TranscriptMeta => ({
  id: r.id,
  studyId: r.study_id,
  participantId: r.participant_id,
  title: r.title,
  sha256: r.sha256,
  lineWidth: r.line_width,
  phase: r.phase as TranscriptPhase,
  createdBy: r.created_by,
  createdAt: r.created_at,
  length,
});

export async function insertTranscript(db: Database, t: TranscriptRow): Promise<void> {
  await db
    .insertInto('transcripts')
    .values({
      id: t.id,
      study_id: t.studyId,
      participant_id: t.participantId,
      title: t.title,
      text: t.text,
      sha256: t.sha256,
      line_width: t.lineWidth,
      line_map: encodeLines(t.lines),
      turns: JSON.stringify(t.turns),
      phase: t.phase,
      created_by: t.createdBy,
      created_at: t.createdAt,
    })
    .execute();
}

export async function findTranscript(db: Database, id: string): Promise<TranscriptRow | null> {
  const r = await db.selectFrom('transcripts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return { ...toMeta(r, r.text.length), text: r.text, turns: JSON.parse(r.turns) as Turn[], lines: decodeLines(r.line_map, r.text) };
}

/** The transcript's study and phase only: what access decisions need, without the text. */
export async function findTranscriptPhase(db: Database, id: string): Promise<{ studyId: string; phase: TranscriptPhase } | null> {
  const r = await db.selectFrom('transcripts').select(['study_id', 'phase']).where('id', '=', id).executeTakeFirst();
  return r ? { studyId: r.study_id, phase: r.phase as TranscriptPhase } : null;
}

/** The phases of several transcripts (those that exist). */
export async function findTranscriptPhases(db: Database, ids: readonly string[]): Promise<Map<string, TranscriptPhase>> {
  const rows = await db.selectFrom('transcripts').select(['id', 'phase']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.phase as TranscriptPhase]));
}

/**
 * A transcript's phase read through the SQLite handle (null when it does not exist): the update
 * log's hot path checks it synchronously, beside store/docLog.ts sqliteDocAppender, on the
 * connection it holds.
 */
export function sqliteTranscriptPhaseReader(sqlite: SQLite.Database): (id: string) => TranscriptPhase | null {
  let select: SQLite.Statement<[string], { phase: string }> | null = null;
  return (id) => {
    // Prepared on first use: the table exists once the migrations ran.
    select ??= sqlite.prepare<[string], { phase: string }>('select phase from transcripts where id = ?');
    return (select.get(id)?.phase as TranscriptPhase | undefined) ?? null;
  };
}

/**
 * The study a real-time document belongs to, and for a transcript's documents the transcript and
 * its phase; null when the transcript does not exist. The one lookup behind the collab door's
 * access decision and the document history route.
 */
export async function findDocStudy(db: Database, ref: DocRef): Promise<{ studyId: string; transcriptId: string | null; transcriptPhase: TranscriptPhase | null } | null> {
  if (ref.kind === 'codebook' || ref.kind === 'privateCodebook' || ref.kind === 'journal' || ref.kind === 'codebookMap' || ref.kind === 'writeup') return { studyId: ref.studyId, transcriptId: null, transcriptPhase: null };
  const t = await findTranscriptPhase(db, ref.transcriptId);
  return t ? { studyId: t.studyId, transcriptId: ref.transcriptId, transcriptPhase: t.phase } : null;
}

/** The frozen text's length in UTF-16 code units (the unit of every span); null when there is no such transcript. */
export async function findTranscriptTextLength(db: Database, id: string): Promise<number | null> {
  const r = await db.selectFrom('transcripts').select('text').where('id', '=', id).executeTakeFirst();
  return r ? r.text.length : null;
}

export async function listTranscripts(db: Database, studyId: string): Promise<TranscriptMeta[]> {
  const rows = await db
    .selectFrom('transcripts')
    .select([...metaCols, (eb) => eb.fn<number>('length', ['text']).as('length')])
    .where('study_id', '=', studyId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => toMeta(r, Number(r.length)));
}

export async function updateTranscriptPhase(db: Database, id: string, phase: TranscriptPhase): Promise<void> {
  await db.updateTable('transcripts').set({ phase }).where('id', '=', id).execute();
}
