import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoding, removeCoding } from '../../shared/coding';
import { codebookDocName, consensusDocName, docName } from '../../shared/docNames';
import { addTheme, renameTheme } from '../../shared/themes';
import type { Services } from '../../server/services';
import { closeDocRegistry, withDoc } from '../../server/ydocs/withDoc';
import { type BlindStudy, seedBlindStudy } from '../helpers/blindStudy';
import { testServices } from '../helpers/env';

// The table of themes, the theme tree and the codebook reconciliation's figures are kept per
// state of their inputs (issue 15, performance): each change of an input kind must give the new
// answer at once, never the kept one. A deletion is among them (a Yjs state vector would miss it).
describe('read models kept per state of their inputs', () => {
  let s: Services;
  let close: () => Promise<void>;
  let b: BlindStudy;
  let text: string;
  let work: string;
  let shame: string;
  let tid2: string;

  type Row = { label: string; count: number; total: number; cells: Array<{ pseudonym: string; count: number }> };
  const table = async () => {
    const r = await b.api.lead.get(`/api/studies/${b.sid}/themes/table`);
    expect(r.status).toBe(200);
    return r.json.table as { participants: Array<{ pseudonym: string }>; rule: { description: string }; rows: Row[] };
  };
  const row = async (label: string) => (await table()).rows.find((r) => r.label === label);
  const consensus = <T>(fn: (doc: Y.Doc) => T) => withDoc(s, consensusDocName(b.tid), fn);
  const reconcileView = async () => {
    const r = await b.api.lead.get(`/api/studies/${b.sid}/codebook/reconciliation`);
    expect(r.status).toBe(200);
    return r.json as { coders: Array<{ themes: Array<{ id: string; label: string; codings: number; lines: number }> }>; shared: Array<{ id: string; label: string }> };
  };
  const privateRow = async (id: string) => (await reconcileView()).coders.flatMap((c) => c.themes).find((t) => t.id === id);

  beforeAll(async () => {
    ({ s, close } = await testServices('sqlite'));
    b = await seedBlindStudy(s);
    text = (await b.api.lead.get(`/api/transcripts/${b.tid}`)).json.text as string;
    work = await withDoc(s, codebookDocName(b.sid), (doc) => addTheme(doc, { label: 'Work', createdBy: b.ids.lead! }), b.ids.lead!);
    shame = await withDoc(s, codebookDocName(b.sid), (shared) =>
      withDoc(s, docName({ kind: 'privateCodebook', studyId: b.sid, ownerId: b.ids.alice! }), (mine) => addTheme(mine, { label: 'Shame', createdBy: b.ids.alice! }, shared), b.ids.alice!),
    );
    await withDoc(s, docName({ kind: 'layer', transcriptId: b.tid, ownerId: b.ids.alice! }), (doc) => addCoding(doc, text.length, { themeId: shame, start: 0, end: 20 }), b.ids.alice!);
    const p2 = (await b.api.lead.post(`/api/studies/${b.sid}/participants`, { pseudonym: 'P2' })).json.participant;
    tid2 = (await b.api.lead.post(`/api/studies/${b.sid}/transcripts`, { participantId: p2.id, title: 'Second', text })).json.transcript.id as string;
    expect((await b.api.lead.post(`/api/transcripts/${b.tid}/phase`, { phase: 'reconciling' })).status).toBe(200);
    await consensus((doc) => addCoding(doc, text.length, { themeId: work, start: 0, end: 20 }));
  });
  afterAll(async () => {
    await closeDocRegistry(s);
    await close();
  });

  it('gives the new table of themes after a change of each of its inputs', async () => {
    expect((await row('Work'))?.count).toBe(1);
    expect((await row('Work'))?.count).toBe(1); // read twice: the kept answer is the same

    // A consensus layer: a coding added on another line, then removed (a deletion).
    const added = await consensus((doc) => addCoding(doc, text.length, { themeId: work, start: text.indexOf('line 4'), end: text.indexOf('line 4') + 6 }).id);
    expect((await row('Work'))?.count).toBe(2);
    await consensus((doc) => removeCoding(doc, added));
    expect((await row('Work'))?.count).toBe(1);

    // The shared codebook, and a private codebook (read by the lead after the reveal).
    await withDoc(s, codebookDocName(b.sid), (doc) => renameTheme(doc, work, 'Work life'), b.ids.lead!);
    expect((await row('Work life'))?.count).toBe(1);
    await withDoc(s, docName({ kind: 'privateCodebook', studyId: b.sid, ownerId: b.ids.alice! }), (doc) => renameTheme(doc, shame, 'Shame at work'), b.ids.alice!);
    expect(await row('Shame at work')).toBeDefined();
    expect(await row('Shame')).toBeUndefined();

    // The lead's codebook decisions: a consensus coding of the private theme counts for Work once mapped.
    const shameBefore = (await row('Shame at work'))!.count;
    await consensus((doc) => addCoding(doc, text.length, { themeId: shame, start: text.indexOf('line 5'), end: text.indexOf('line 5') + 6 }));
    expect((await row('Shame at work'))?.count).toBe(shameBefore + 1);
    expect((await b.api.lead.post(`/api/studies/${b.sid}/codebook/decisions`, { op: 'map', themeId: shame, into: work, rationale: 'the same experience' })).status).toBe(200);
    expect(await row('Shame at work')).toBeUndefined();
    expect((await row('Work life'))?.count).toBe(2); // line 1 (where Shame's passage joins Work's) and line 5

    // A transcript's phase (a second participant enters the analysis), a pseudonym, the recurrence rule.
    expect((await table()).participants.map((p) => p.pseudonym)).toEqual(['P1']);
    expect((await b.api.lead.post(`/api/transcripts/${tid2}/phase`, { phase: 'reconciling' })).status).toBe(200);
    expect((await table()).participants.map((p) => p.pseudonym)).toEqual(['P1', 'P2']);
    const before = (await table()).rule.description;
    expect((await b.api.lead.patch(`/api/studies/${b.sid}`, { recurrenceRule: { kind: 'count', value: 2 } })).status).toBe(200);
    const after = (await table()).rule.description;
    expect(after).not.toBe(before);
    expect(after).toMatch(/2/);
  });

  it('gives the new figures of the codebook reconciliation after a coder codes or uncodes', async () => {
    const layer = docName({ kind: 'layer', transcriptId: b.tid, ownerId: b.ids.alice! });
    const first = await privateRow(shame);
    expect(first).toMatchObject({ label: 'Shame at work', codings: 1 });
    const id = await withDoc(s, layer, (doc) => addCoding(doc, text.length, { themeId: shame, start: text.indexOf('line 6'), end: text.length }).id, b.ids.alice!);
    expect(await privateRow(shame)).toMatchObject({ codings: 2, lines: first!.lines + 1 });
    await withDoc(s, layer, (doc) => removeCoding(doc, id), b.ids.alice!);
    expect(await privateRow(shame)).toMatchObject({ codings: 1, lines: first!.lines });
    await withDoc(s, docName({ kind: 'privateCodebook', studyId: b.sid, ownerId: b.ids.alice! }), (doc) => renameTheme(doc, shame, 'Shame again'), b.ids.alice!);
    expect((await privateRow(shame))?.label).toBe('Shame again');
  });
});
