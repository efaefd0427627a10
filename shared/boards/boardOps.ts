import type * as Y from 'yjs';
import { type Statement, updateStatement } from '../coding';
import { addTheme, moveTheme, ThemeModelError, ThemeModelErrorCode, type ThemeTree } from '../themes';

/**
 * The writes of the clustering boards. Each is one operation of the theme model or the coding
 * model (so the server's guards judge it like any other write) and throws their typed errors.
 * With `shared`, `doc` is the writer's private codebook read on top of the shared one.
 */

export interface NewCluster {
  label: string;
  /** The case (transcript id) the PET belongs to. */
  caseId: string;
  /** A PET of the same case to make this a sub-theme of; null or omitted for a new PET. */
  parentId?: string | null;
  createdBy: string;
}

/** Names a cluster: a new PET of the case (or a sub-theme of one of its PETs) in `doc`. */
export function addCluster(doc: Y.Doc, tree: ThemeTree, input: NewCluster, shared?: Y.Doc): string {
  const parentId = input.parentId ?? null;
  if (parentId !== null && tree.byId.get(parentId)?.caseId !== input.caseId) {
    throw new ThemeModelError(ThemeModelErrorCode.ParentNotFound, `theme ${parentId} is not a personal theme of this case`);
  }
  return addTheme(doc, { label: input.label, caseId: input.caseId, parentId, createdBy: input.createdBy, createdAt: Date.now() }, shared);
}

/**
 * Moves a card: the statement leaves cluster `from` (when given) and joins `to` (when given);
 * its other links stay, so a statement may sit in several PETs. Returns the updated statement.
 */
export function moveCard(layer: Y.Doc, textLength: number, statement: Statement, move: { from?: string | null; to?: string | null }): Statement {
  const ids = statement.themeIds.filter((id) => id !== move.from);
  if (move.to && !ids.includes(move.to)) ids.push(move.to);
  return updateStatement(layer, textLength, statement.id, { themeIds: ids });
}

/** Moves a theme one place up (-1) or down (+1) among its siblings; false at either end. */
export function reorderTheme(doc: Y.Doc, tree: ThemeTree, id: string, step: -1 | 1, shared?: Y.Doc): boolean {
  const theme = tree.byId.get(id);
  if (!theme) throw new ThemeModelError(ThemeModelErrorCode.ThemeNotFound, `theme ${id} not found`);
  const siblings = tree.childrenOf(theme.parentId).filter((t) => t.owner === theme.owner && t.caseId === theme.caseId && t.status !== 'retired');
  const at = siblings.findIndex((t) => t.id === id);
  const target = at + step;
  if (target < 0 || target >= siblings.length) return false;
  // Placed relative to the whole sibling list, so themes of other scopes keep their places.
  const rest = tree.childrenOf(theme.parentId).filter((t) => t.id !== id);
  const pivot = siblings[target]!;
  const pivotAt = rest.findIndex((t) => t.id === pivot.id);
  const afterId = step === 1 ? pivot.id : pivotAt === 0 ? null : rest[pivotAt - 1]!.id;
  moveTheme(doc, id, { parentId: theme.parentId, afterId }, shared);
  return true;
}

/** Places a PET in a GET (or a GET's sub-theme), or takes it out of every GET with null. */
export function placePet(doc: Y.Doc, tree: ThemeTree, petId: string, groupId: string | null, shared?: Y.Doc): void {
  const pet = tree.byId.get(petId);
  if (!pet || pet.caseId === null) throw new ThemeModelError(ThemeModelErrorCode.ThemeNotFound, `theme ${petId} is not a personal experiential theme`);
  if (groupId !== null && tree.byId.get(groupId)?.caseId !== null) {
    throw new ThemeModelError(ThemeModelErrorCode.ParentNotFound, `theme ${groupId} is not a group theme`);
  }
  moveTheme(doc, petId, { parentId: groupId }, shared);
}

/** A new GET (top level) or a sub-theme of a GET, in `doc`. */
export function addGroupTheme(doc: Y.Doc, tree: ThemeTree, input: { label: string; parentId?: string | null; createdBy: string }, shared?: Y.Doc): string {
  const parentId = input.parentId ?? null;
  if (parentId !== null && tree.byId.get(parentId)?.caseId !== null) {
    throw new ThemeModelError(ThemeModelErrorCode.ParentNotFound, `theme ${parentId} is not a group theme`);
  }
  return addTheme(doc, { label: input.label, parentId, createdBy: input.createdBy, createdAt: Date.now() }, shared);
}
