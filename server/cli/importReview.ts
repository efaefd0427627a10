import { existsSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { z } from 'zod';
import { IDENTIFIER_KINDS } from '../../shared/privacy/identifierKinds';
import type { PseudonymDecision } from '../commands/privacy/pseudonymise';
import { previewTranscriptFile } from '../commands/transcripts/importTranscripts';
import type { Actor } from '../commands/access/actor';
import type { Services } from '../services';
import { createPrivateFile, ensureNewDirPrivate } from '../store/privateFiles';
import { UsageError } from './io';

/**
 * The review file of a batch import (docs/privacy.md): `concord import review` writes one entry
 * per file with every candidate identifier, its proposed replacement and `accept`; the lead edits
 * it (accept true/false, replacement, pseudonym, title) and `concord import transcripts --review`
 * applies it. It holds the originals, so it is written 0600 and should be deleted after the import.
 */
export const REVIEW_FORMAT = 'concord-pseudonymisation-review';

const candidateSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  text: z.string().min(1),
  kind: z.enum(IDENTIFIER_KINDS),
  replacement: z.string().trim().min(1).max(100),
  accept: z.boolean(),
  context: z.string().optional(),
});
const reviewSchema = z.object({
  format: z.literal(REVIEW_FORMAT),
  version: z.literal(1),
  study: z.string(),
  files: z.array(
    z.object({
      path: z.string(),
      sha256: z.string(),
      pseudonym: z.string().trim().min(1).max(60),
      title: z.string().trim().min(1).max(200).optional(),
      candidates: z.array(candidateSchema),
    }),
  ),
});
export type ReviewFile = z.infer<typeof reviewSchema>;

const hashOf = (bytes: Uint8Array) => encodeHexLowerCase(sha256(bytes));

/** Previews every file and writes the review file; returns the number of candidates. */
export async function writeReview(s: Services, actor: Actor, studyId: string, paths: readonly string[], out: string): Promise<number> {
  if (existsSync(out)) throw new UsageError(`${out} exists; choose a new file name`);
  const review: ReviewFile = { format: REVIEW_FORMAT, version: 1, study: studyId, files: [] };
  const pseudonyms = new Set<string>();
  let total = 0;
  for (const path of paths) {
    const bytes = new Uint8Array(await readFile(path));
    const p = await previewTranscriptFile(s, actor, studyId, { name: basename(path), bytes });
    // The server proposes the next free number; files of one batch take the ones after it.
    let pseudonym = p.suggestedPseudonym;
    for (let n = Number(pseudonym.slice(1)); pseudonyms.has(pseudonym); n++) pseudonym = `P${String(n + 1).padStart(2, '0')}`;
    pseudonyms.add(pseudonym);
    const candidates = p.pseudonymisation.candidates.map((c) => ({ start: c.start, end: c.end, text: c.text, kind: c.kind, replacement: c.replacement, accept: c.accept, context: `${c.before}⟨${c.text}⟩${c.after}`.replace(/\n/g, ' ') }));
    total += candidates.length;
    review.files.push({ path: resolve(path), sha256: hashOf(bytes), pseudonym, candidates });
  }
  ensureNewDirPrivate(dirname(resolve(out)));
  createPrivateFile(out);
  writeFileSync(out, `${JSON.stringify(review, null, 2)}\n`);
  return total;
}

/** Reads a review file; each entry's file must be unchanged since the review (same SHA-256). */
export async function readReview(path: string, studyId: string): Promise<Array<{ path: string; bytes: Uint8Array; pseudonym: string; title?: string; decisions: PseudonymDecision[] }>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new UsageError(`${path} is not a review file (JSON written by concord import review)`);
  }
  const parsed = reviewSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${path}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (parsed.data.study !== studyId) throw new UsageError(`${path} was written for study ${parsed.data.study}, not ${studyId}`);
  const out = [];
  for (const f of parsed.data.files) {
    const bytes = new Uint8Array(await readFile(f.path));
    if (hashOf(bytes) !== f.sha256) throw new UsageError(`${f.path} changed since the review; review it again`);
    const decisions = f.candidates.filter((c) => c.accept).map((c) => ({ start: c.start, end: c.end, text: c.text, replacement: c.replacement, kind: c.kind }));
    out.push({ path: f.path, bytes, pseudonym: f.pseudonym, ...(f.title ? { title: f.title } : {}), decisions });
  }
  return out;
}
