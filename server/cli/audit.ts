import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type AuditEvent, verifyChain } from '../../shared/auditChain';
import { readCsvRows } from './csvRows';
import { type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './io';

const USAGE = 'usage: concord audit verify FILE.json|FILE.csv';

/** An exported trail is read whole; anything larger than this is not one of ours. */
const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

const eventSchema = z.object({
  studyId: z.string(),
  seq: z.number().int().positive(),
  at: z.number().int(),
  actorId: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  data: z.unknown(),
  dataHash: z.string().optional(),
  prevHash: z.string(),
  hash: z.string(),
});
const exportSchema = z.object({ format: z.literal('concord-audit-trail'), version: z.literal(1), events: z.array(eventSchema) });

/**
 * `concord audit verify FILE`: checks an exported audit trail offline (docs/audit.md): every
 * event's hash is recomputed from the previous hash and the canonical event, so editing any byte
 * that the hash covers, or dropping, reordering or inserting an event, breaks the chain. Needs
 * neither the server nor the database. Exit 0 when the chain holds, 1 when it does not.
 */
export async function runAudit(args: string[], io: CliIo): Promise<number> {
  const [sub, file, ...rest] = args;
  if (sub !== 'verify' || !file || rest.length) throw new UsageError(USAGE);
  const bytes = await readFile(file);
  if (bytes.length > MAX_EXPORT_BYTES) throw new UsageError(`${file} is larger than ${MAX_EXPORT_BYTES} bytes`);
  const text = bytes.toString('utf8');
  const events = file.toLowerCase().endsWith('.csv') ? eventsFromCsv(text, file) : eventsFromJson(text);
  const verdict = verifyChain(events);
  const studies = new Set(events.map((e) => e.studyId));
  if (studies.size > 1) {
    io.stderr(`FAILED: events of ${studies.size} studies in one trail\n`);
    return EXIT_FAILURE;
  }
  if (!verdict.verified) {
    io.stderr(`FAILED at event ${verdict.brokenAt}: ${verdict.reason}\n`);
    return EXIT_FAILURE;
  }
  const last = events[events.length - 1];
  const redacted = verdict.redacted > 0 ? ` (${verdict.redacted} redacted by erasure: their place and hash verified, their data gone)` : '';
  io.stdout(`verified: ${events.length} events, chain intact${redacted}${last ? `; last hash ${last.hash}` : ''}\n`);
  return EXIT_OK;
}

function eventsFromJson(text: string): AuditEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError('the file is not JSON (an export from GET /api/studies/:sid/audit/export)');
  }
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`not a Concord audit trail: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data.events.map((e) => ({ ...e, data: e.data ?? {} }));
}

const CSV_COLUMNS = ['study_id', 'seq', 'at', 'at_iso', 'actor_id', 'action', 'target', 'data', 'data_hash', 'prev_hash', 'hash'];
/** Exports made before scheme 2 (no data_hash column) still verify. */
const CSV_COLUMNS_V1 = CSV_COLUMNS.filter((c) => c !== 'data_hash');

/**
 * The CSV export: `data` is the canonical JSON, `data_hash` its commitment (empty on scheme 1
 * events); an empty actor_id is null.
 */
function eventsFromCsv(text: string, file: string): AuditEvent[] {
  const rows = readCsvRows(text, file);
  const header = rows.shift()?.cells.join(',');
  const columns = header === CSV_COLUMNS.join(',') ? CSV_COLUMNS : header === CSV_COLUMNS_V1.join(',') ? CSV_COLUMNS_V1 : null;
  if (!columns) throw new UsageError(`${file}: line 1: not a Concord audit CSV (expected columns ${CSV_COLUMNS.join(',')})`);
  return rows.map(({ cells: r, line }) => {
    const cell = (k: string) => r[columns.indexOf(k)] ?? '';
    let data: unknown;
    try {
      data = JSON.parse(cell('data'));
    } catch {
      throw new UsageError(`${file}: line ${line}: data is not JSON`);
    }
    const dataHash = cell('data_hash');
    return { studyId: cell('study_id'), seq: Number(cell('seq')), at: Number(cell('at')), actorId: cell('actor_id') || null, action: cell('action'), target: cell('target'), data, ...(dataHash ? { dataHash } : {}), prevHash: cell('prev_hash'), hash: cell('hash') };
  });
}
