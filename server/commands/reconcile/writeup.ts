import { writeupDocName } from '../../../shared/docNames';
import {
  type KeyQuoteRequest,
  type ThemeTable,
  type WriteupOrderRequest,
  inWriteupOrder,
  putKeyQuote,
  putWriteupOrder,
  readWriteup,
  writeupGroupOf,
} from '../../../shared/reconcile';
import { conflict, notFound } from '../../errors';
import { withDoc } from '../../ydocs/withDoc';
import type { Services } from '../../services';
import { appendAudit } from '../../store/audit';
import { type Actor, authorizeStudy } from '../access/actor';
import { loadThemeTree, viewerOf } from '../layers/studyLayers';
import { serialised } from './lock';
import { computeTable } from '../themes/tableOfThemes';

const NAME_LENGTH = 200;

/**
 * The lead marks (or unmarks) one piece of evidence of a theme as a key quote (issue 15 item 5):
 * an extract (named by any consensus coding of its passage) or an experiential statement, as the
 * table of themes shows it to the lead. The participant is the evidence's. Evidence the table
 * does not show for that theme is refused (404) and nothing is written. Written through withDoc to
 * `studies/<sid>/writeup` (live for every member), then audited as `writeup.key_quote`.
 */
export async function markKeyQuote(s: Services, actor: Actor, studyId: string, body: KeyQuoteRequest): Promise<{ changed: boolean; key: boolean; participantId: string }> {
  const access = await authorizeStudy(s, actor, studyId, 'writeup.edit');
  return serialised(s, `writeup:${studyId}`, async () => {
    const table = await computeTable(s, access.study, viewerOf(access, actor.user.id));
    const found = findEvidence(table, body);
    const now = s.now();
    const quote = { themeId: body.themeId, participantId: found.participantId, kind: body.kind, evidenceId: body.evidenceId, by: actor.user.id, byName: actor.user.name.slice(0, NAME_LENGTH), at: now };
    const changed = await withDoc(s, writeupDocName(studyId), (doc) => putKeyQuote(doc, quote, body.key), actor.user.id);
    if (changed) {
      await s.db.transaction().execute((trx) =>
        appendAudit(trx, {
          studyId,
          actorId: actor.user.id,
          action: 'writeup.key_quote',
          target: `theme:${body.themeId}`,
          data: { key: body.key, themeLabel: found.themeLabel, participantId: found.participantId, pseudonym: found.pseudonym, kind: body.kind, evidenceId: body.evidenceId, citation: found.citation },
          at: now,
        }),
      );
    }
    return { changed, key: body.key, participantId: found.participantId };
  });
}

function findEvidence(table: ThemeTable, body: KeyQuoteRequest) {
  const row = table.rows.find((r) => r.themeId === body.themeId);
  if (!row) throw notFound('theme');
  for (const cell of row.cells) {
    const citation =
      body.kind === 'extract' ? cell.extracts.find((e) => e.codingIds.includes(body.evidenceId))?.citation : cell.statements.find((st) => st.statementId === body.evidenceId)?.citation;
    if (citation !== undefined) return { participantId: cell.participantId, pseudonym: cell.pseudonym, citation, themeLabel: row.label };
  }
  throw notFound(body.kind === 'extract' ? 'extract of this theme' : 'statement of this theme');
}

/**
 * The lead moves a theme within its parent for the write-up (issue 15 item 5): after a sibling,
 * or first. The order is the study's write-up order (`studies/<sid>/writeup`), not the codebook's:
 * every export and the screen use it. A theme or sibling the lead cannot see is 404; a sibling
 * under another parent (or a `parentId` that is not the theme's) is 409; nothing is written then.
 * Audited as `writeup.reorder` with the group's new order.
 */
export async function reorderWriteup(s: Services, actor: Actor, studyId: string, body: WriteupOrderRequest): Promise<{ parentId: string | null; order: string[] }> {
  const access = await authorizeStudy(s, actor, studyId, 'writeup.edit');
  return serialised(s, `writeup:${studyId}`, async () => {
    const tree = await loadThemeTree(s, studyId, viewerOf(access, actor.user.id));
    const live = tree.themes.filter((t) => t.status !== 'retired' && t.mergedInto === null);
    const byId = new Map(live.map((t) => [t.id, t]));
    const isLive = (id: string) => byId.has(id);
    const theme = byId.get(body.themeId);
    if (!theme) throw notFound('theme');
    const group = writeupGroupOf(theme, isLive);
    if (body.parentId !== undefined && (body.parentId ?? '') !== group) throw conflict('a theme is reordered within its parent only: move it to another parent in the codebook');
    if (body.afterId !== null) {
      if (body.afterId === body.themeId) throw conflict('a theme cannot be placed after itself');
      const after = byId.get(body.afterId);
      if (!after) throw notFound('sibling theme');
      if (writeupGroupOf(after, isLive) !== group) throw conflict('a theme is reordered among its siblings only: the other theme has another parent');
    }
    const current = await withDoc(s, writeupDocName(studyId), (doc) => readWriteup(doc).order);
    const siblings = inWriteupOrder(live, current)
      .filter((t) => t.id !== theme.id && writeupGroupOf(t, isLive) === group)
      .map((t) => t.id);
    const at = body.afterId === null ? 0 : siblings.indexOf(body.afterId) + 1;
    const order = [...siblings.slice(0, at), theme.id, ...siblings.slice(at)];
    const now = s.now();
    await withDoc(s, writeupDocName(studyId), (doc) => putWriteupOrder(doc, group, { themeIds: order, by: actor.user.id, byName: actor.user.name.slice(0, NAME_LENGTH), at: now }), actor.user.id);
    await s.db.transaction().execute((trx) =>
      appendAudit(trx, {
        studyId,
        actorId: actor.user.id,
        action: 'writeup.reorder',
        target: `theme:${theme.id}`,
        data: { themeLabel: theme.label, parentId: group || null, afterId: body.afterId, order, labels: order.map((id) => byId.get(id)?.label ?? id) },
        at: now,
      }),
    );
    return { parentId: group || null, order };
  });
}
