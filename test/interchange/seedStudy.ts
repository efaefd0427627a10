import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCoding, addNote, addStatement } from '../../shared/coding';
import { docName } from '../../shared/docNames';
import { addTheme, mergeTheme, setLevels } from '../../shared/themes';
import { withDoc } from '../../server/ydocs/withDoc';
import type { Services } from '../../server/services';
import { findStudy, updateStudy } from '../../server/store/studies';
import { listTranscripts, updateTranscriptPhase } from '../../server/store/transcripts';
import { seedUsers, joinStudy } from '../helpers/http';
import { refiQda } from '../helpers/refiQda';

export const PROJECT_XSD = refiQda('Project.xsd');
export const CODEBOOK_XSD = refiQda('Codebook.xsd');
export const SAMPLES = refiQda('samples');

/** Validates XML text with libxml2's xmllint against a schema; returns its complaints ('' when valid). */
export function xmllint(xml: string | Uint8Array, xsd: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'concord-xmllint-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml);
    try {
      execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { stdio: 'pipe' });
      return '';
    } catch (e) {
      return String((e as { stderr?: Buffer }).stderr ?? e);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A study with what an export must carry: a 4-level hierarchy, a merged theme, two coders and the
 * lead, non-ASCII and emoji in the text (so code points and UTF-16 differ), a CRLF in the typed
 * text (frozen to \n), memos, notes, a statement linked to themes and a consensus coding.
 */
export async function seedStudy(s: Services) {
  const { admin, users, client } = await seedUsers(s, ['lead', 'ana', 'ben']);
  const lead = users.lead!;
  // Open mode, and the transcript with a consensus and a discussion in reconciliation: an export
  // holds only what its exporter may read (decideAccess), and this one must hold everything.
  const study = (await lead.api.post('/api/studies', { title: 'Fatigue — IPA 😀', codingMode: 'open' })).json.study as { id: string };
  for (const name of ['ana', 'ben']) await joinStudy(lead.api, study.id, `${name}@example.org`, 'coder');
  const p1 = (await lead.api.post(`/api/studies/${study.id}/participants`, { pseudonym: 'Zoë' })).json.participant as { id: string };
  const p2 = (await lead.api.post(`/api/studies/${study.id}/participants`, { pseudonym: 'P2' })).json.participant as { id: string };
  const text1 = 'I: How is a normal day? 😀\r\nZoë: Honestly my body just gets in the way. I am always tired 😴 and I keep checking how I feel, every single morning since the diagnosis.';
  const t1 = (await lead.api.post(`/api/studies/${study.id}/transcripts`, { participantId: p1.id, title: 'Zoë interview', text: text1 })).json.transcript as { id: string };
  const t2 = (await lead.api.post(`/api/studies/${study.id}/transcripts`, { participantId: p2.id, title: 'P2 interview', text: 'I: And work?\nP2: Work is where I forget the body — until 3pm.' })).json.transcript as { id: string };
  const themes = await withDoc(s, docName({ kind: 'codebook', studyId: study.id }), (doc) => {
    setLevels(doc, ['Area', 'Superordinate theme', 'Theme', 'Sub-theme']);
    const area = addTheme(doc, { label: 'Living with illness', createdBy: lead.id, color: '#336699', description: 'Top area' });
    const sup = addTheme(doc, { label: 'Loss of the body', parentId: area, createdBy: lead.id });
    const obstacle = addTheme(doc, { label: 'Body as obstacle', parentId: sup, createdBy: lead.id, description: 'The body is in the way.' });
    const fatigue = addTheme(doc, { label: 'Fatigue 😴', parentId: obstacle, createdBy: lead.id });
    const tiredness = addTheme(doc, { label: 'Tiredness', parentId: obstacle, createdBy: lead.id });
    mergeTheme(doc, tiredness, fatigue);
    return { area, sup, obstacle, fatigue, tiredness };
  });
  const frozen1 = (await lead.api.get(`/api/transcripts/${t1.id}`)).json.text as string;
  const frozen2 = (await lead.api.get(`/api/transcripts/${t2.id}`)).json.text as string;
  const span = (text: string, quote: string) => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`no "${quote}" in the text`);
    return { start, end: start + quote.length };
  };
  await withDoc(s, docName({ kind: 'layer', transcriptId: t1.id, ownerId: users.ana!.id }), (doc) => {
    addCoding(doc, frozen1.length, { themeId: themes.obstacle, ...span(frozen1, 'my body just gets in the way'), memo: 'strong embodiment, "quoted" & <tagged>' });
    addNote(doc, frozen1.length, { kind: 'linguistic', text: 'metaphor of obstruction', ...span(frozen1, 'gets in the way') });
    addStatement(doc, frozen1.length, { text: 'The body obstructs everyday life', ...span(frozen1, 'Honestly my body just gets in the way.'), themeIds: [themes.obstacle, themes.fatigue] });
  });
  await withDoc(s, docName({ kind: 'layer', transcriptId: t1.id, ownerId: users.ben!.id }), (doc) => {
    addCoding(doc, frozen1.length, { themeId: themes.tiredness, ...span(frozen1, 'I am always tired 😴') });
    addCoding(doc, frozen1.length, { themeId: themes.sup, ...span(frozen1, 'Honestly my body just gets in the way. I am always tired 😴') });
  });
  await withDoc(s, docName({ kind: 'layer', transcriptId: t2.id, ownerId: users.ben!.id }), (doc) => {
    addCoding(doc, frozen2.length, { themeId: themes.obstacle, ...span(frozen2, 'forget the body — until 3pm') });
  });
  await updateTranscriptPhase(s.db, t1.id, 'reconciling');
  await withDoc(s, docName({ kind: 'consensus', transcriptId: t1.id }), (doc) => {
    addCoding(doc, frozen1.length, { themeId: themes.fatigue, ...span(frozen1, 'always tired 😴') });
  });
  await withDoc(s, docName({ kind: 'discussion', transcriptId: t1.id }), (doc) => {
    const { start, end } = span(frozen1, 'always tired 😴');
    doc.getMap('items').set('k1', { key: 'k1', start, end, themeId: themes.fatigue, resolution: { revision: 1, kind: 'union', themeId: themes.fatigue, spans: [{ start, end }], codingIds: [], rationale: 'Both coders saw fatigue here.', by: lead.id, byName: 'lead', at: 1_700_000_000_000 } });
    doc.getMap('items').set('k2', { key: 'k2', start, end, themeId: themes.sup, status: 'open' });
  });
  return { admin, users, client, lead, study, transcripts: { t1, t2 }, texts: { frozen1, frozen2 }, themes, participants: { p1, p2 } };
}

/**
 * An imported study is blind with every transcript in `coding`, so its lead's export would hold
 * only the lead's own layers (decideAccess). For a round trip: open mode, transcripts in
 * reconciliation, as a lead would have them by the time the whole project is exported.
 */
export async function openForExport(s: Services, studyId: string): Promise<void> {
  const study = (await findStudy(s.db, studyId))!;
  await updateStudy(s.db, { ...study, codingMode: 'open' });
  for (const t of await listTranscripts(s.db, studyId)) await updateTranscriptPhase(s.db, t.id, 'reconciling');
}
