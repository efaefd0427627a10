import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import * as Y from 'yjs';
import type { CoderLayer, DisagreementRegion, TranscriptInput } from '../../../shared/agreement';
import { type Layer, addCoding, layerMap, LAYER_MAPS, readLayer } from '../../../shared/coding';
import { consensusDocName, discussionDocName, docName } from '../../../shared/docNames';
import { type DiscussionItem, agreedRegions, citeLines, putItem, putMeta, readDiscussion } from '../../../shared/reconcile';
import { formatLineRange } from '../../../shared/transcript';
import { conflict, notFound } from '../../errors';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { inTransaction } from '../../store/advisoryLocks';
import { appendAudit } from '../../store/audit';
import type { Database } from '../../store/database';
import { deleteWriteIntent } from '../../store/writeIntents';
import { layerOwners } from '../../store/layerDocs';
import { insertLayerSnapshot } from '../../store/layerSnapshots';
import { type TranscriptRow, findTranscript, listTranscripts } from '../../store/transcripts';
import { type Actor, authorizeStudy } from '../access/actor';
import { reconcileWrite } from './lock';
import { agreementThemes, loadThemeTree } from '../layers/studyLayers';

/** Consensus codings copied from agreed regions; resolution codings are `<key>-r<n>-<i>`. */
const AGREED_PREFIX = 'agreed-';

export interface RevealSummary {
  transcriptId: string;
  coders: string[];
  agreed: number;
  items: number;
  superseded: number;
}

/**
 * Reveal (issue 6 item 1), run by setTranscriptPhase after a transcript's move from coding to
 * reconciling has committed: snapshot every coder's layer, copy the agreed regions into the
 * consensus, open one discussion item per disagreement region, audit it all in one event.
 *
 * The documents and the database cannot commit together; each step is safe to repeat (the phase
 * change's intent row lets startup run an interrupted reveal again: commands/intents/completeWriteIntents.ts;
 * the snapshots, the event and the intent's deletion commit together), and a
 * reveal after stepping back replaces the previous agreed codings and keeps earlier items (their
 * threads and resolutions are history), marking those whose region is gone as superseded.
 */
export async function revealTranscript(s: Services, actor: Actor, transcriptId: string, intentId: string | null): Promise<RevealSummary> {
  const owners = await layerOwners(s.db, transcriptId);
  const layers = owners.map((owner) => docName({ kind: 'layer', transcriptId, ownerId: owner }));
  return reconcileWrite(s, transcriptId, (db) => reveal(s, db, actor, transcriptId, owners, intentId), [...layers, consensusDocName(transcriptId), discussionDocName(transcriptId)]);
}

async function reveal(s: Services, db: Database, actor: Actor, transcriptId: string, owners: string[], intentId: string | null): Promise<RevealSummary> {
  const row = await findTranscript(s.db, transcriptId);
  if (!row) throw notFound('transcript');
  const now = s.now();
  const tree = await loadThemeTree(s, row.studyId, 'server');
  const snapshots: Array<{ owner: string; layer: Layer; state: Uint8Array }> = [];
  for (const owner of owners) {
    snapshots.push(
      await withDoc(s, docName({ kind: 'layer', transcriptId, ownerId: owner }), (doc) => ({ owner, layer: readLayer(doc, row.text.length), state: Y.encodeStateAsUpdate(doc) })),
    );
  }
  const input = transcriptInput(row, snapshots.map((x) => ({ coder: x.owner, codings: x.layer.codings })));
  const themes = agreementThemes(tree);
  const agreed = agreedRegions(input, themes);
  // Loaded on first use: the agreement computations are not part of a server at rest (issue 19).
  const { disagreements } = await import('../../../shared/agreement/disagreements');
  const regions = disagreements(input, themes, { hierarchy: 'exact' });

  const consensusName = docName({ kind: 'consensus', transcriptId });
  const discussionName = docName({ kind: 'discussion', transcriptId });
  const before = await withDoc(s, discussionName, (doc) => readDiscussion(doc));
  // Ids unique per reveal, so a later reveal can tell its own agreed codings from earlier ones.
  const stamp = now.toString(36);
  const agreedIds = agreed.map((_, i) => `${AGREED_PREFIX}${stamp}-${i}`);
  await withDoc(
    s,
    consensusName,
    (doc) => {
      const codings = layerMap(doc, LAYER_MAPS.codings);
      doc.transact(() => {
        // Every earlier reveal's agreed codings go, found by their id prefix (the meta that lists
        // them is not written when a reveal finds nothing to discuss).
        for (const id of [...codings.keys()]) if (id.startsWith(AGREED_PREFIX)) codings.delete(id);
        agreed.forEach((a, i) => addCoding(doc, row.text.length, { id: agreedIds[i], themeId: a.themeId, start: a.start, end: a.end, createdAt: now }));
      });
    },
    actor.user.id,
  );
  const keys = new Set(regions.map((r) => r.key));
  const known = new Map(before.items.map((i) => [i.key, i]));
  let superseded = 0;
  // Nothing to discuss and nothing discussed before: the discussion stays untouched, so a
  // transcript without disagreements has no server-written discussion at all.
  const nothingToRecord = regions.length === 0 && before.items.length === 0;
  if (!nothingToRecord) {
    await withDoc(
      s,
      discussionName,
      (doc) => {
        doc.transact(() => {
          for (const region of regions) {
            const old = known.get(region.key);
            if (!old) putItem(doc, itemOf(region, row.text, input.lines, now));
            else if (old.supersededAt !== undefined) {
              const { supersededAt: _gone, ...revived } = old;
              putItem(doc, revived);
            }
          }
          for (const item of before.items) {
            if (keys.has(item.key) || item.supersededAt !== undefined) continue;
            putItem(doc, { ...item, supersededAt: now });
            superseded++;
          }
          putMeta(doc, { revealedAt: now, revealedBy: actor.user.id, agreedCodingIds: agreedIds });
        });
      },
      actor.user.id,
    );
  }
  await inTransaction(db, async (trx) => {
    // Snapshots, event and the intent's end commit together (issue 14 item 6); a reveal whose
    // intent another run already completed records nothing twice.
    if (intentId && !(await deleteWriteIntent(trx, intentId))) return;
    const cited: Array<{ owner: string; sha256: string; codings: number }> = [];
    for (const snap of snapshots) {
      const layerJson = JSON.stringify(snap.layer);
      const hash = encodeHexLowerCase(sha256(new TextEncoder().encode(layerJson)));
      await insertLayerSnapshot(trx, { transcriptId, ownerId: snap.owner, takenAt: now, takenBy: actor.user.id, layerJson, sha256: hash, state: snap.state });
      cited.push({ owner: snap.owner, sha256: hash, codings: snap.layer.codings.length });
    }
    await appendAudit(trx, {
      studyId: row.studyId,
      actorId: actor.user.id,
      action: 'reconcile.reveal',
      target: `transcript:${transcriptId}`,
      data: { snapshots: cited, agreed: agreed.length, items: regions.length, superseded },
      at: now,
    });
  });
  return { transcriptId, coders: owners, agreed: agreed.length, items: regions.length, superseded };
}

function transcriptInput(row: TranscriptRow, layers: CoderLayer[]): TranscriptInput {
  return {
    id: row.id,
    length: row.text.length,
    lines: row.lines,
    turns: row.turns.filter((t): t is typeof t & { speaker: string } => t.speaker !== null),
    text: row.text,
    layers,
  };
}

/**
 * An item from a region. Its lines are cited as the table of themes and the record cite them
 * (citeLines: line breaks at the edges do not count), so a region from the end of line 3 through
 * line 4 cites `l. 4`, not `l. 3-4`.
 */
function itemOf(r: DisagreementRegion, text: string, lines: TranscriptInput['lines'], now: number): DiscussionItem {
  const range = lines.length ? citeLines(text, lines, r.start, r.end) : null;
  return {
    key: r.key,
    transcriptId: r.transcriptId,
    themeId: r.themeId,
    kind: r.kind,
    start: r.start,
    end: r.end,
    lines: range ? { from: range.first, to: range.last, label: formatLineRange(range) } : null,
    quote: r.quote ?? '',
    coders: r.coders.map((c) => ({ coder: c.coder, spans: c.spans.map((x) => ({ start: x.start, end: x.end })), otherThemes: [...c.otherThemes] })),
    status: 'open',
    createdAt: now,
    history: [],
    decisions: [],
  };
}

/**
 * `POST /api/studies/:sid/reveal`: moves each listed transcript from coding to reconciling (which
 * reveals it). All are checked before any moves, so a bad id changes nothing; transcripts already
 * reconciling are left as they are.
 */
export async function revealBatch(s: Services, actor: Actor, studyId: string, transcriptIds: readonly string[], setPhase: (tid: string) => Promise<unknown>) {
  await authorizeStudy(s, actor, studyId, 'transcripts.phase');
  const metas = new Map((await listTranscripts(s.db, studyId)).map((t) => [t.id, t]));
  for (const tid of transcriptIds) {
    const t = metas.get(tid);
    if (!t) throw notFound(`transcript ${tid}`);
    if (t.phase === 'final') throw conflict(`transcript ${tid} is final`);
  }
  const revealed: string[] = [];
  for (const tid of new Set(transcriptIds)) {
    if (metas.get(tid)?.phase !== 'coding') continue;
    await setPhase(tid);
    revealed.push(tid);
  }
  return { revealed, transcripts: (await listTranscripts(s.db, studyId)).filter((t) => transcriptIds.includes(t.id)) };
}
