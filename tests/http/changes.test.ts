import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { seedDatabase } from '../../src/db/seed.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTempSeed, type TempSeed } from '../helpers/db.js';
import { expectProblem } from '../helpers/problem.js';
import { get } from '../helpers/request.js';

interface Change {
  type: 'upsert' | 'delete';
  id: string;
  contentHash?: string;
  updatedAt?: string;
  deletedAt?: string;
}
interface Feed {
  items: Change[];
  nextCursor: string;
  hasMore: boolean;
}

const faq = (...questions: string[]) =>
  `# Course\n\n${questions.map((q) => `- ${q}?\n  - Answer to ${q}.`).join('\n')}\n`;

let t: TempSeed;
let apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps) await app.close();
  apps = [];
  t?.cleanup();
});

/** Seed the temp folder at `now` and serve the result. */
async function seedAndServe(now: string): Promise<TestApp> {
  await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, now });
  // Seeds run in this process and hold up its event loop: no load shedding here.
  const app = await buildTestApp({
    db: openDatabase(t.databasePath, { readonly: true }),
    config: { loadShedding: { maxEventLoopDelay: 60_000, sampleInterval: 1000, retryAfter: 5 } },
  });
  apps.push(app);
  return app;
}

/** Apply the feed from `cursor` to `copy` (id → contentHash) in pages of 2; returns the cursor to resume from. */
async function follow(app: TestApp, copy: Map<string, string>, cursor: string | undefined): Promise<string> {
  for (;;) {
    const url = `/v1/changes?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await get(app, url);
    expect(res.status).toBe(200);
    const feed = res.body as Feed;
    for (const change of feed.items) {
      if (change.type === 'upsert') copy.set(change.id, change.contentHash!);
      else copy.delete(change.id);
    }
    cursor = feed.nextCursor;
    if (!feed.hasMore) return cursor;
  }
}

/** What the server serves now: id → contentHash. */
async function served(app: TestApp): Promise<Map<string, string>> {
  const res = await get(app, '/v1/questions?limit=100');
  const items = (res.body as { items: { id: string; contentHash: string }[] }).items;
  return new Map(items.map((q) => [q.id, q.contentHash]));
}

describe('GET /v1/changes', () => {
  it('lets a client that follows the feed across seeds end with exactly the served questions', async () => {
    t = createTempSeed({ 'a.md': faq('What is A', 'What is B', 'What is C'), 'b.md': faq('Why D') });
    const copy = new Map<string, string>();
    let app = await seedAndServe('2026-01-01T00:00:00.000Z');
    let cursor = await follow(app, copy, undefined);
    expect(copy).toEqual(await served(app));
    expect(copy.size).toBe(4);

    // Edit one answer, delete a question, add a file.
    t.write('a.md', faq('What is A', 'What is C').replace('Answer to What is C', 'A new answer to C'));
    t.write('c.md', faq('How E', 'How F'));
    app = await seedAndServe('2026-01-02T00:00:00.000Z');
    const page = (await get(app, `/v1/changes?cursor=${cursor}`)).body as Feed;
    expect(page.items.map((c) => [c.type, c.type === 'delete' ? c.deletedAt : c.updatedAt])).toEqual([
      ['upsert', '2026-01-02T00:00:00.000Z'],
      ['upsert', '2026-01-02T00:00:00.000Z'],
      ['upsert', '2026-01-02T00:00:00.000Z'],
      ['delete', '2026-01-02T00:00:00.000Z'],
    ]);
    cursor = await follow(app, copy, cursor);
    expect(copy).toEqual(await served(app));

    // A seed that changes nothing adds nothing to the feed.
    app = await seedAndServe('2026-01-03T00:00:00.000Z');
    const idle = (await get(app, `/v1/changes?cursor=${cursor}`)).body as Feed;
    expect(idle).toEqual({ items: [], nextCursor: cursor, hasMore: false });

    // A file removed, a deleted question restored.
    rmSync(`${t.seedsDir}/b.md`);
    t.write('a.md', faq('What is A', 'What is B', 'What is C'));
    app = await seedAndServe('2026-01-04T00:00:00.000Z');
    cursor = await follow(app, copy, cursor);
    expect(copy).toEqual(await served(app));
    expect([...copy.keys()]).toHaveLength(5);

    // A client starting from scratch sees one entry per question, deletions included.
    const fresh = new Map<string, string>();
    await follow(app, fresh, undefined);
    expect(fresh).toEqual(copy);
  });

  it('answers 410 for a cursor of a feed that was rebuilt, and 400 for a forged one', async () => {
    t = createTempSeed({ 'a.md': faq('What is A') });
    let app = await seedAndServe('2026-01-01T00:00:00.000Z');
    const { nextCursor } = (await get(app, '/v1/changes')).body as Feed;
    rmSync(t.databasePath);
    app = await seedAndServe('2026-01-02T00:00:00.000Z');
    expectProblem(await get(app, `/v1/changes?cursor=${nextCursor}`), 410, 'FAQ_ERR_CURSOR_EXPIRED');
    expectProblem(await get(app, '/v1/changes?cursor=bm9wZQ'), 400, 'FAQ_ERR_INVALID_CURSOR');
  });
});
