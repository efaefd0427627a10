import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../server/services';
import { testServices } from '../helpers/env';
import { type ApiClient, apiFor, seedUsers } from '../helpers/http';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** About 24,000 words of interview, full of names, places and organisations for the review to find. */
function longInterview(): string {
  const turns: string[] = [];
  for (let i = 0; i < 600; i++) {
    turns.push(`Interviewer: What happened on shift ${i}?`);
    turns.push(`P01: ${i % 10 === 0 ? 'I worked with Sarah Johnson in Leeds, and' : 'It was a long night, and'} then we sat down in the staff room to talk it through before the handover, because nobody wanted to carry it home with them that week.`);
  }
  return `${turns.join('\n')}\n`;
}

/**
 * Issue 14 item 2 (tail): the identifier review of a transcript preview (NLP over the whole text)
 * and .qdc parsing run in the upload worker. The server here runs in this thread, so while it
 * parses on the event loop nothing else of it can answer: health checks sent one after another
 * during the preview must keep completing before the preview does.
 */
describe('a long transcript preview leaves the server answering (sqlite)', () => {
  let s: Services;
  let close: () => Promise<void>;
  let lead: ApiClient;
  let sid: string;

  beforeAll(async () => {
    ({ s, close } = await testServices('sqlite'));
    lead = (await seedUsers(s, ['lead'])).users.lead!.api;
    sid = (await lead.post('/api/studies', { title: 'Long interviews' })).json.study.id;
    // Warm the worker and its NLP library, so their start is not part of the run below.
    expect((await lead.post(`/api/studies/${sid}/transcripts/preview`, { name: 'warm.txt', data: b64('P01: I met Sarah in Leeds.\n') })).status).toBe(200);
  });
  afterAll(async () => close());

  it('answers health checks while the preview of a 24,000-word interview runs, and the preview still finds its names', async () => {
    const health = apiFor(s).client();
    const events: string[] = [];
    let done = false;
    const preview = lead.post(`/api/studies/${sid}/transcripts/preview`, { name: 'long.txt', data: b64(longInterview()) }).then((r) => {
      done = true;
      events.push('preview');
      return r;
    });
    // One health check after another until the preview answers; each records that it completed.
    while (!done) {
      const h = await health.get('/api/health');
      expect(h.status).toBe(200);
      if (!done) events.push('health');
      // app.request answers /api/health in microtasks alone: let the loop take its other events
      // (the worker's reply among them) between two checks, as a socket would.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const r = await preview;
    expect(r.status).toBe(200);
    const found = new Set((r.json.pseudonymisation.candidates as Array<{ text: string }>).map((c) => c.text));
    expect(found).toContain('Sarah Johnson');
    expect(found).toContain('Leeds');
    // On the event loop the review took the thread for over a second, and the health checks
    // queued behind it: a handful at most completed first (those before it began). In the worker
    // they keep completing throughout.
    expect(events.at(-1)).toBe('preview');
    expect(events.filter((e) => e === 'health').length).toBeGreaterThan(20);
  }, 60_000);
});
