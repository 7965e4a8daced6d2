/**
 * The typed client (lms-sync.ts) against the app on a real port: an LMS
 * mirrors the FAQ, revalidates with ETags, searches, takes a raw snippet,
 * and after a re-seed applies what changed and what was deleted. Every
 * response it receives is checked against the committed document.
 */
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { readPreviousState } from '../../src/db/load.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { BUNDLED_SEED, createTestDatabase } from '../helpers/db.js';
import { FIXTURE_FILES, GUIDE_MD } from '../helpers/fixtures.js';
import { expectMatchesSpec } from '../helpers/openapi.js';
import {
  bestAnswerFor,
  faqClient,
  firstSnippet,
  incrementalSync,
  initialSync,
  isCurrent,
  type FaqClient,
} from './lms-sync.js';

const FIRST = { 'mspt3_24-2-scp.md': BUNDLED_SEED, ...FIXTURE_FILES };
// A re-seed: one answer edited in place (no line moves), one file gone.
const SECOND = {
  'mspt3_24-2-scp.md': BUNDLED_SEED,
  'guide.md': GUIDE_MD.replace('The smallest deployable unit.', 'The smallest unit Kubernetes schedules.'),
};

const running: TestApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
});

/** The app serving `db` on a free port of 127.0.0.1, and a client for it whose every response is checked. */
async function serve(db: TestApp['db']): Promise<{ client: FaqClient; checked: () => number }> {
  const app = await buildTestApp({ db });
  running.push(app);
  const address = await app.app.listen({ port: 0, host: '127.0.0.1' });
  let checked = 0;
  const againstDocument: Middleware = {
    async onResponse({ request, response }) {
      const text = await response.clone().text();
      expectMatchesSpec(request.method, request.url, {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        text,
      });
      checked += 1;
    },
  };
  return { client: faqClient(address, [againstDocument]), checked: () => checked };
}

/** Every question the API serves under a topic, id → contentHash, read with the same client. */
async function served(client: FaqClient): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET('/v1/questions', { params: { query: { limit: 100, cursor } } });
    if (error) throw new Error(error.detail);
    for (const item of data.items) if (item.topic !== null) all.set(item.id, item.contentHash);
    cursor = data.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

describe('a typed LMS client (openapi-typescript + openapi-fetch)', () => {
  it('mirrors the FAQ, revalidates with 304s, searches, takes raw code, and syncs a re-seed', async () => {
    const first = createTestDatabase(FIRST, { now: '2026-01-01T00:00:00.000Z' });
    const one = await serve(first);

    const mirror = await initialSync(one.client);
    const expected = await served(one.client);
    expect(new Map([...mirror.questions].map(([id, { question }]) => [id, question.contentHash]))).toEqual(expected);
    expect(mirror.questions.size).toBeGreaterThan(10);
    expect(mirror.syncedAt).toBe('2026-01-01T00:00:00.000Z');

    // Revalidation: an unchanged question costs a 304 and no body.
    const [someId, some] = [...mirror.questions][0]!;
    expect(await isCurrent(one.client, someId, some.etag)).toBe(true);
    expect(await isCurrent(one.client, someId, '"stale"')).toBe(false);

    // Search, in Korean; a raw snippet is byte for byte the JSON code.
    expect(await bestAnswerFor(one.client, '볼륨')).toMatch(/볼륨|Volume/i);
    const listImages = [...mirror.questions.values()].find((q) => q.question.question === 'How do I list images?')!;
    expect(await firstSnippet(one.client, listImages.question.id)).toEqual({
      raw: 'docker images',
      code: 'docker images',
    });

    // The next seed: an answer edited, a file removed.
    const pod = [...mirror.questions.values()].find((q) => q.question.question === 'What is a Pod?')!;
    const removed = [...mirror.questions.values()].filter((q) => q.question.source.path === 'notes/extra.md');
    expect(removed.length).toBeGreaterThan(0);
    const second = createTestDatabase(SECOND, { now: '2026-03-01T00:00:00.000Z', previous: readPreviousState(first) });
    await running.pop()!.close();
    const two = await serve(second);

    expect(await isCurrent(two.client, pod.question.id, pod.etag)).toBe(false);
    const { updated, deleted } = await incrementalSync(two.client, mirror);
    expect(updated).toEqual([pod.question.id]);
    expect(deleted.sort()).toEqual(removed.map((q) => q.question.id).sort());
    expect(mirror.questions.get(pod.question.id)!.question.answers[0]!.text).toBe(
      'The smallest unit Kubernetes schedules.',
    );
    expect(new Map([...mirror.questions].map(([id, { question }]) => [id, question.contentHash]))).toEqual(
      await served(two.client),
    );
    expect(mirror.syncedAt).toBe('2026-03-01T00:00:00.000Z');
    expect(one.checked() + two.checked()).toBeGreaterThan(mirror.questions.size);
  });
});
