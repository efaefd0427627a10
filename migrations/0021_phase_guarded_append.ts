import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A group commit that refuses the rows of a transcript that left the phase they were granted under
// (issue 14 item 8, docs/scaling.md "Phase changes"). A node learns of another node's phase change
// through NOTIFY, so it may still accept a coder's layer update after the reveal committed; the
// commit itself must decide. Replaces 0003's concord_append_updates; the steps are:
//
// 1. Only when some document of the group carries a condition (p_guard_transcripts not null):
//    takes the shared phase lock of each named transcript (advisory, class 0x636f6e04, key
//    hashtext(transcript), ascending); a phase change holds it exclusively until it commits
//    (server/store/advisoryLocks.ts CommandLock.phase). Then reads the phases (a fresh snapshot:
//    it sees a phase change that committed while the lock was awaited); the documents whose
//    transcript is not in the phase named beside them are refused.
// 2. As before: the per-document commit locks (class 0x636f6e01) in ascending key order, the rows
//    other writers committed above each watermark (r_missed), the new rows of the documents not
//    refused (ids drawn after the locks), and one row per refused document (r_refused).
//
// Lock order: phase locks before commit locks, in every caller; a phase change takes no commit
// lock, so neither order can deadlock. Nothing on SQLite: one process, one writer
// (server/ydocs/LogWriter.ts checks the phase on the held connection).
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop function if exists concord_append_updates(text[], bigint[], text[], text[], bigint[], bytea[])`.execute(db);
  await createAppend(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop function if exists concord_append_updates(text[], bigint[], text[], text[], text[], text[], bigint[], bytea[])`.execute(db);
  await createAppend(db, false);
}

/** The function with the phase conditions (up), or 0003's form without them (down). */
async function createAppend(db: Kysely<unknown>, guarded: boolean): Promise<void> {
  const raw = (withGuard: string, without = '') => sql.raw(guarded ? withGuard : without);
  await sql`
    create or replace function concord_append_updates(
      p_docs text[], p_applied bigint[], ${raw('p_guard_transcripts text[], p_guard_phases text[],')}
      p_row_docs text[], p_row_authors text[], p_row_at bigint[], p_row_updates bytea[])
    returns table (r_doc text, r_id bigint, r_missed boolean, r_update bytea${raw(', r_refused boolean')})
    language plpgsql volatile
    as $fn$
    declare
      v_refused text[] := '{}';
    begin
      ${raw(`if p_guard_transcripts is not null then
        perform pg_advisory_xact_lock_shared(1668247044, keys.k)
          from (select distinct hashtext(t) as k from unnest(p_guard_transcripts) as t where t is not null order by k offset 0) as keys;
        select coalesce(array_agg(g.doc), '{}') into v_refused
          from unnest(p_docs, p_guard_transcripts, p_guard_phases) as g(doc, tid, phase)
         where g.tid is not null
           and not exists (select 1 from transcripts t where t.id = g.tid and t.phase = g.phase);
      end if;`)}
      perform pg_advisory_xact_lock(1668247041, keys.k)
        from (select distinct hashtext(d) as k from unnest(p_docs) as d order by k offset 0) as keys;
      return query
        select u.doc, u.id, true, u."update"${raw(', false')}
          from unnest(p_docs, p_applied) as w(doc, after)
          join doc_updates u on u.doc = w.doc and u.id > w.after
         order by u.id;
      return query
        with inserted as (
          insert into doc_updates (doc, author_id, at, size, "update")
          select r.d, r.a, r.t, octet_length(r.u), r.u
            from unnest(p_row_docs, p_row_authors, p_row_at, p_row_updates) with ordinality as r(d, a, t, u, n)
           where r.d <> all(v_refused)
           order by r.n
          returning doc_updates.doc, doc_updates.id
        )
        select i.doc, i.id, false, null::bytea${raw(', false')} from inserted i order by i.id;
      ${raw('return query select d, null::bigint, false, null::bytea, true from unnest(v_refused) as d;')}
    end
    $fn$`.execute(db);
}
