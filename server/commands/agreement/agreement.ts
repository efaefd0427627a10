import { type AgreementReport, type AgreementResponse, type DisagreementsResponse, type DisagreementRegion, type UnitKind, agreementReport, disagreements } from '../../../shared/agreement';
import { accessContext, decideAccess } from '../../../shared/access';
import { codebookStatus } from '../../../shared/reconcile';
import { forbidden, invalid, notFound } from '../../errors';
import type { Services } from '../../services';
import { listMembers } from '../../store/members';
import { findTranscriptPhase, listTranscripts } from '../../store/transcripts';
import { usersByIds } from '../../store/users';
import { type Actor, authorizeStudy } from '../access/actor';
import { type LoadedTranscript, agreementThemes, loadThemeTree, loadTranscriptLayers, viewerOf } from '../layers/studyLayers';

export interface AgreementQuery {
  unit: UnitKind;
  rollup: boolean;
  coders?: string[];
  transcripts?: string[];
  themes?: string[];
  bootstrap?: number;
  seed?: number;
}

/**
 * The study's agreement report (DESIGN.md section 7), computed from the stored layers.
 * Leads, auditors and admins see every transcript; coders only transcripts that have left
 * `coding` (in blind mode, earlier figures would hint at the others' work). The report names
 * coders, themes and transcripts so it can be read and exported as it is.
 */
export async function studyAgreement(s: Services, actor: Actor, studyId: string, q: AgreementQuery): Promise<AgreementResponse> {
  const access = await authorizeStudy(s, actor, studyId, 'study.read');
  const { acting } = access;
  let metas = await listTranscripts(s.db, studyId);
  if (q.transcripts) {
    const wanted = new Set(q.transcripts);
    const unknown = q.transcripts.filter((t) => !metas.some((m) => m.id === t));
    if (unknown.length) throw notFound(`transcript ${unknown[0]}`);
    metas = metas.filter((m) => wanted.has(m.id));
  }
  if (acting === 'coder') {
    const hidden = metas.filter((m) => m.phase === 'coding');
    if (q.transcripts && hidden.length) throw forbidden('coders see agreement once a transcript is in reconciliation');
    metas = metas.filter((m) => m.phase !== 'coding');
    if (metas.length === 0) throw forbidden('coders see agreement once a transcript is in reconciliation; none is yet');
  }
  const tree = await loadThemeTree(s, studyId, viewerOf(access, actor.user.id));
  const loaded: LoadedTranscript[] = [];
  for (const m of metas) {
    const t = await loadTranscriptLayers(s, m.id, q.coders);
    if (t) loaded.push(t);
  }
  const bootstrap = q.bootstrap ? { replicates: q.bootstrap, seed: q.seed ?? 1 } : undefined;
  let report: AgreementReport;
  try {
    report = agreementReport(
      { transcripts: loaded.map((l) => l.input), themes: agreementThemes(tree) },
      { unit: q.unit, hierarchy: q.rollup ? 'rollup' : 'exact', ...(q.coders ? { coders: q.coders } : {}), ...(q.themes ? { themes: q.themes } : {}), ...(bootstrap ? { bootstrap } : {}) },
    );
  } catch (e) {
    if (e instanceof RangeError) throw invalid(e.message);
    throw e;
  }
  const names = new Map((await usersByIds(s.db, [...report.coders])).map((u) => [u.id, u.name]));
  const codebook = codebookStatus(tree);
  return {
    report,
    ...(bootstrap ? { seed: bootstrap.seed } : {}),
    coders: report.coders.map((id) => ({ id, name: names.get(id) ?? id })),
    themes: tree.themes.map((t) => ({ id: t.id, label: t.label, path: t.path, levelName: t.levelName, color: t.color, status: t.status })),
    transcripts: loaded.map((l) => ({ id: l.meta.id, title: l.meta.title, participantId: l.meta.participantId, phase: l.meta.phase, length: l.input.length, lines: l.input.lines.length })),
    ...(codebook ? { codebook } : {}),
  };
}

/**
 * Disagreement regions of one transcript. They quote each coder's spans, so the caller must be
 * allowed to read every layer involved (decideAccess): auditors always, everyone once the
 * transcript is in reconciliation, and in open mode every member; in blind mode during coding
 * not even a lead.
 */
export async function transcriptDisagreements(s: Services, actor: Actor, transcriptId: string, options: { rollup: boolean; themes?: string[]; coders?: string[] }): Promise<DisagreementsResponse> {
  const phase = await findTranscriptPhase(s.db, transcriptId);
  if (!phase) throw notFound('transcript');
  const { study, role } = await authorizeStudy(s, actor, phase.studyId, 'study.read').catch(() => {
    throw notFound('transcript');
  });
  const loaded = await loadTranscriptLayers(s, transcriptId, options.coders);
  if (!loaded) throw notFound('transcript');
  const ctx = accessContext(study, actor.user.id, role, phase.phase);
  const hidden = loaded.input.layers.filter((l) => decideAccess({ kind: 'layer', transcriptId, ownerId: l.coder }, ctx) === 'none');
  if (hidden.length) throw forbidden('disagreements show every coder’s spans; they open when the transcript enters reconciliation');
  const tree = await loadThemeTree(s, phase.studyId, ctx);
  const regions: DisagreementRegion[] = disagreements(loaded.input, agreementThemes(tree), {
    hierarchy: options.rollup ? 'rollup' : 'exact',
    ...(options.themes ? { themes: options.themes } : {}),
    ...(options.coders ? { coders: options.coders } : {}),
  });
  const members = new Map((await listMembers(s.db, phase.studyId)).map((m) => [m.userId, m.name]));
  const extra = loaded.input.layers.map((l) => l.coder).filter((c) => !members.has(c));
  for (const u of await usersByIds(s.db, extra)) members.set(u.id, u.name);
  return {
    transcript: { id: transcriptId, title: loaded.meta.title, phase: phase.phase },
    coders: loaded.input.layers.map((l) => ({ id: l.coder, name: members.get(l.coder) ?? l.coder })),
    regions,
  };
}
