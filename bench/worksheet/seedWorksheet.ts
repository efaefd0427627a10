import { addCoding, addNote } from '../../shared/coding';
import { codebookDocName, docName } from '../../shared/docNames';
import { addTheme } from '../../shared/themes';
import { createSession } from '../../server/auth/sessions';
import { createStudy } from '../../server/commands/studies/studies';
import { newId } from '../../server/ids';
import type { RunningServer } from '../../server/server';
import { insertMember } from '../../server/store/members';
import { insertUser } from '../../server/store/users';
import { withDoc } from '../../server/ydocs/withDoc';
import { mulberry32 } from '../../shared/agreement/prng';

export const LINES = 1_200;
export const CODINGS = 600;
export const NOTES = 200;
export const CODERS = ['lead', 'alice', 'bob'] as const;

/**
 * The lines coded in a pass of `n` codings: spread evenly over the transcript (from line 40 to 40
 * lines before its end), so any number of samples fits, and shifted by `shift` lines (a second
 * pass codes lines of its own).
 */
export function codingLines(n: number, shift: number): number[] {
  const step = (LINES - 80) / n;
  return Array.from({ length: n }, (_, i) => 40 + shift + Math.floor(i * step));
}

export interface SeededWorksheet {
  tid: string;
  cookies: Record<(typeof CODERS)[number], string>;
  lineCount: number;
}


const WORDS = 'the session felt safe because she listened and I stopped watching the clock for once then fear came back later'.split(' ');

/**
 * The benchmark's study (issue 16): an open-mode study, one transcript of 1,200 lines (one short
 * turn per line, so the server's wrapping keeps the count), 20 themes, and 600 codings and 200
 * notes spread evenly over three coders' layers, written through the server's own withDoc.
 */
export async function seedWorksheet(server: RunningServer): Promise<SeededWorksheet> {
  const s = server.services;
  const now = Date.now();
  const users = [];
  const cookies = {} as SeededWorksheet['cookies'];
  for (const name of CODERS) {
    const u = await insertUser(s.db, { id: newId(), email: `${name}@bench.example`, name, passwordHash: 'not-a-hash', isAdmin: false, now });
    cookies[name] = (await createSession(s.db, u.id, now)).token;
    users.push(u);
  }
  const [lead] = users;
  const study = await createStudy(s, { user: lead!, sessionId: null }, { title: 'Worksheet bench', codingMode: 'open' });
  for (const u of users.slice(1)) await insertMember(s.db, { studyId: study.id, userId: u.id, role: 'coder', now });
  const rand = mulberry32(16);
  const sentence = () => Array.from({ length: 7 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  const text = Array.from({ length: LINES }, (_, i) => `${i % 2 ? 'P01' : 'Interviewer'}: ${sentence()}.`).join('\n');
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `concord_session=${cookies.lead}`, origin: new URL(server.url).origin }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<Record<string, { id: string }>>;
  };
  const participant = (await post(`/api/studies/${study.id}/participants`, { pseudonym: 'P01' })).participant!;
  const tid = (await post(`/api/studies/${study.id}/transcripts`, { participantId: participant.id, title: 'Interview P01', text })).transcript!.id;
  const loaded = (await (await fetch(`${server.url}/api/transcripts/${tid}`, { headers: { cookie: `concord_session=${cookies.lead}` } })).json()) as { text: string; lines: Array<{ start: number; end: number }> };
  const themes = await withDoc(s, codebookDocName(study.id), (doc) => Array.from({ length: 20 }, (_, i) => addTheme(doc, { label: `Theme ${i + 1}`, createdBy: lead!.id })));
  const n = loaded.text.length;
  for (const [k, u] of users.entries()) {
    await withDoc(s, docName({ kind: 'layer', transcriptId: tid, ownerId: u.id }), (doc) => {
      for (let i = 0; i < CODINGS / CODERS.length; i++) {
        const line = loaded.lines[Math.floor(rand() * loaded.lines.length)]!;
        const start = line.start + Math.floor(rand() * (line.end - line.start - 12));
        addCoding(doc, n, { themeId: themes[Math.floor(rand() * themes.length)]!, start, end: start + 12, createdAt: now });
      }
      const notes = Math.round(NOTES / CODERS.length) - (k === CODERS.length - 1 ? 1 : 0);
      for (let i = 0; i < notes; i++) {
        const line = loaded.lines[Math.floor(rand() * loaded.lines.length)]!;
        addNote(doc, n, { kind: 'descriptive', text: `Note ${i}: ${sentence()}`, start: line.start, end: line.end, createdAt: now });
      }
    });
  }
  return { tid, cookies, lineCount: loaded.lines.length };
}
