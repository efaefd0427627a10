import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { type NewDocUpdate, listDocUpdatesAfter } from '../../server/store/docLog';
import { testDialects, testServices } from '../helpers/env';

const row = (doc: string, n: number, authorId: string | null = null): NewDocUpdate => ({ doc, authorId, at: 1_700_000_000_000 + n, update: new Uint8Array([n, n + 1, n + 2]) });

for (const dialect of testDialects()) {
  describe(`the services' update-log writer (${dialect})`, () => {
    let s: Services;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ s, close } = await testServices(dialect));
      await s.db.insertInto('users').values({ id: 'u1', email: 'u1@example.org', name: 'U One', password_hash: 'x', created_at: 1, is_admin: 0 }).execute();
    });
    afterEach(async () => close());

    it('appends the rows of several documents in one call and answers their ids in input order', async () => {
      const a = 'studies/s1/codebook';
      const b = 'studies/s2/codebook';
      const out = await s.docLog.append([
        { doc: a, appliedId: 0, rows: [row(a, 1, 'u1'), row(a, 2)] },
        { doc: b, appliedId: 0, rows: [row(b, 3)] },
      ]);
      expect(out.map((o) => o.ids.length)).toEqual([2, 1]);
      const [first, second] = out;
      expect(first!.ids[1]).toBeGreaterThan(first!.ids[0]!);
      expect(second!.ids[0]).toBeGreaterThan(first!.ids[1]!);
      const storedA = await listDocUpdatesAfter(s.db, a, 0);
      expect(storedA.map((r) => r.id)).toEqual(first!.ids);
      expect(storedA.map((r) => [r.authorId, r.at, r.size, [...r.update]])).toEqual([
        ['u1', 1_700_000_000_001, 3, [1, 2, 3]],
        [null, 1_700_000_000_002, 3, [2, 3, 4]],
      ]);
      expect((await listDocUpdatesAfter(s.db, b, 0)).map((r) => r.id)).toEqual(second!.ids);
      // Later appends continue the sequence.
      const [next] = await s.docLog.append([{ doc: b, appliedId: second!.ids[0]!, rows: [row(b, 4)] }]);
      expect(next!.ids[0]).toBeGreaterThan(second!.ids[0]!);
    });

    it('an append that fails stores none of its rows', async () => {
      const a = 'studies/s1/codebook';
      // The second row breaks the NOT NULL constraint on doc: the whole group is refused.
      const broken = { ...row(a, 2), doc: null as unknown as string };
      await expect(s.docLog.append([{ doc: a, appliedId: 0, rows: [row(a, 1, 'u1'), broken] }])).rejects.toThrow();
      expect(await listDocUpdatesAfter(s.db, a, 0)).toEqual([]);
    });

    it('never joins or interleaves with another caller’s transaction in progress', async () => {
      const a = 'studies/s1/codebook';
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inTransaction!: () => void;
      const started = new Promise<void>((r) => (inTransaction = r));
      // Another caller's transaction writes a row, waits, then rolls back.
      const other = s.db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('doc_updates').values({ doc: a, author_id: null, at: 1, size: 1, update: new Uint8Array([9]) }).execute();
          inTransaction();
          await held;
          throw new Error('roll back');
        })
        .catch((e: unknown) => String(e));
      await started;
      let appended = false;
      const append = s.docLog.append([{ doc: a, appliedId: 0, rows: [row(a, 1)] }]).then((r) => {
        appended = true;
        return r;
      });
      // Give the append every chance to run inside the open transaction (it must wait instead).
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      if (dialect === 'sqlite') expect(appended).toBe(false); // one connection: it waits for the transaction
      release();
      expect(await other).toContain('roll back');
      const [mine] = await append;
      const stored = await listDocUpdatesAfter(s.db, a, 0);
      // The rolled-back row is gone; the appended one survived the other caller's rollback.
      expect(stored.map((r) => [r.id, [...r.update]])).toEqual([[mine!.ids[0], [1, 2, 3]]]);
    });
  });
}
