import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Several Concord nodes on one PostgreSQL (issue 8; server/cluster/clusterLogWriter.ts). A group
// commit of a node is one call of this function in one implicit transaction: a single round trip
// instead of five (BEGIN, lock, read, insert, COMMIT), which is most of a commit's latency on a
// busy machine. In READ COMMITTED each statement of a VOLATILE plpgsql function takes a fresh
// snapshot, so the read after the lock sees every commit of the lock's previous holders.
//
// 1. Takes the per-document commit locks (advisory, class 0x636f6e01, key hashtext(doc)) in
//    ascending key order: every node uses that one order, so group commits never deadlock.
// 2. Returns the rows other writers committed above each room's watermark (r_missed = true).
// 3. Inserts the new rows, ids drawn only now, after the locks: per document, id order is commit
//    order; returns their ids (r_missed = false) in input order.
// Nothing on SQLite: one process, one writer.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create or replace function concord_append_updates(
      p_docs text[], p_applied bigint[],
      p_row_docs text[], p_row_authors text[], p_row_at bigint[], p_row_updates bytea[])
    returns table (r_doc text, r_id bigint, r_missed boolean, r_update bytea)
    language plpgsql volatile
    as $fn$
    begin
      perform pg_advisory_xact_lock(1668247041, keys.k)
        from (select distinct hashtext(d) as k from unnest(p_docs) as d order by k offset 0) as keys;
      return query
        select u.doc, u.id, true, u."update"
          from unnest(p_docs, p_applied) as w(doc, after)
          join doc_updates u on u.doc = w.doc and u.id > w.after
         order by u.id;
      return query
        with inserted as (
          insert into doc_updates (doc, author_id, at, size, "update")
          select r.d, r.a, r.t, octet_length(r.u), r.u
            from unnest(p_row_docs, p_row_authors, p_row_at, p_row_updates) with ordinality as r(d, a, t, u, n)
           order by r.n
          returning doc_updates.doc, doc_updates.id
        )
        select i.doc, i.id, false, null::bytea from inserted i order by i.id;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop function if exists concord_append_updates(text[], bigint[], text[], text[], bigint[], bytea[])`.execute(db);
}
