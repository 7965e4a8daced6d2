import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { seedDatabase } from '../../src/db/seed.js';
import { createSearcher } from '../../src/search/query.js';
import { BUNDLED_SEED, BUNDLED_SYNONYMS, createTempSeed, dumpDatabase, type TempSeed } from '../helpers/db.js';

const faq = (topic: string, ...questions: string[]) =>
  `# ${topic} FAQ\n\nAbout ${topic}.\n\n## ${topic}\n\n${questions.map((q) => `- ${q}?\n  - ${q} is answered here with \`${topic.toLowerCase()}\` details.`).join('\n')}\n`;

const V1 = {
  'synonyms.yaml': BUNDLED_SYNONYMS,
  'a-docker.md': faq('Docker', 'How do I build an image', 'What is a volume'),
  'm-k8s.md': faq('Kubernetes', 'Why does my pod restart', 'How do I expose a service'),
  'mspt3_24-2-scp.md': BUNDLED_SEED,
  'z-linux.md': faq('Linux', 'How do I set a cron job'),
};

/** The same edits under two seeds folders: one seeded incrementally, one in full. */
function edit(t: TempSeed): void {
  t.write('m-k8s.md', faq('Kubernetes', 'Why does my pod restart', 'What is an ingress controller'));
  t.write('g-git.md', faq('Git', 'How do I undo a commit'));
  t.write(
    'a-docker.md',
    faq('Docker', 'How do I build an image', 'What is a volume').replace('## Docker', '## Containers'),
  );
  rmSync(join(t.seedsDir, 'z-linux.md'));
}

/**
 * What clients can see. Question seqs are slots (a file keeps its slot, a
 * full seed packs them), so rows name questions by id and the order is
 * compared as a list; search positions (prior order) are left out, and
 * search results compared instead.
 */
function comparable(path: string): Record<string, string[]> {
  const { answers, snippets, links, images, topics, source_topics, meta } = dumpDatabase(path);
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const rows = (sql: string): string[] =>
      db
        .prepare(sql)
        .raw()
        .all()
        .map((row) => JSON.stringify(row))
        .sort();
    return {
      answers: answers!,
      snippets: snippets!,
      links: links!,
      images: images!,
      topics: topics!,
      source_topics: source_topics!,
      meta: meta!,
      tombstones: rows('SELECT * FROM question_tombstones'),
      changes: rows('SELECT * FROM changes'),
      questions: rows(
        'SELECT id, source_id, topic_slug, position, line, question, markdown, follow_up_of, has_code, content_hash, created_at, updated_at FROM questions',
      ),
      order: db.prepare('SELECT id FROM questions ORDER BY seq').pluck().all() as string[],
      sources: rows(
        'SELECT id, path, title, content_hash, question_count, seeded_at, updated_at, description, description_html, file_hash, report FROM sources',
      ),
      keys: rows('SELECT k.kind, k.key, q.id, k.position FROM search_suggest_keys k JOIN questions q ON q.seq = k.seq'),
      orphanKeys: rows('SELECT * FROM search_suggest_keys WHERE seq NOT IN (SELECT seq FROM questions)'),
      docs: rows('SELECT q.id FROM search_docs d JOIN questions q ON q.seq = d.seq'),
      vocab: rows('SELECT term, df FROM search_vocab'),
      vocabDeletes: rows(
        'SELECT d.variant, v.term FROM search_vocab_deletes d JOIN search_vocab v ON v.id = d.term_id',
      ),
      trigrams: rows(
        "SELECT v.term FROM search_vocab_trigram t JOIN search_vocab v ON v.id = t.rowid WHERE search_vocab_trigram MATCH 'ube'",
      ),
    };
  } finally {
    db.close();
  }
}

function searchIds(path: string, q: string): string[] {
  const db = openDatabase(path, { readonly: true });
  try {
    return createSearcher(db)
      .search({ q, limit: 50 })
      .items.map((hit) => hit.id)
      .sort();
  } finally {
    db.close();
  }
}

let temps: TempSeed[] = [];
afterEach(() => {
  for (const t of temps) t.cleanup();
  temps = [];
});

// In-place updates are off until SearchIndexUpdater keeps the relevance
// tables that ranking reads (INCREMENTAL_SEEDS in src/db/seed.ts); these
// tests describe the behaviour to restore.
describe.skip('incremental seed', () => {
  it('gives the database a full seed gives: rows, ids, timestamps, topics, tombstones, change feed and search', async () => {
    const inc = createTempSeed(V1);
    const full = createTempSeed(V1);
    temps.push(inc, full);
    for (const t of [inc, full])
      await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, now: '2026-01-01T00:00:00.000Z' });
    edit(inc);
    edit(full);
    const updated = await seedDatabase({
      seedsDir: inc.seedsDir,
      databasePath: inc.databasePath,
      now: '2026-01-02T00:00:00.000Z',
    });
    const rebuilt = await seedDatabase({
      seedsDir: full.seedsDir,
      databasePath: full.databasePath,
      now: '2026-01-02T00:00:00.000Z',
      full: true,
    });
    expect([updated.mode, updated.carried, rebuilt.mode]).toEqual(['incremental', 1, 'full']);
    expect(updated.totals).toEqual(rebuilt.totals);
    expect(updated.sources).toEqual(
      rebuilt.sources.map((s) => ({
        ...s,
        warnings: s.warnings.map((w) => ({ ...w, file: w.file.replace(full.seedsDir, inc.seedsDir) })),
      })),
    );
    expect(comparable(inc.databasePath)).toEqual(comparable(full.databasePath));
    for (const q of ['ingress', 'pod restart', '이미지', 'volume', 'cron', 'Git commit undo', 'Containers'])
      expect(searchIds(inc.databasePath, q), q).toEqual(searchIds(full.databasePath, q));
    expect(searchIds(inc.databasePath, 'cron')).toEqual([]);
    expect(searchIds(inc.databasePath, 'ingress controller').length).toBeGreaterThan(0);
  });

  it('reuses nothing when the synonyms change, and when asked for a full seed', async () => {
    const t = createTempSeed(V1);
    temps.push(t);
    const seed = (full?: boolean) => seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath, full });
    expect((await seed()).mode).toBe('full');
    expect((await seed()).mode).toBe('incremental');
    t.write('synonyms.yaml', `${BUNDLED_SYNONYMS}\n- [cronjob, crontab]\n`);
    expect((await seed()).mode).toBe('full');
    expect((await seed(true)).mode).toBe('full');
  });

  it('leaves the previous database untouched when a changed file is bad', async () => {
    const t = createTempSeed(V1);
    temps.push(t);
    await seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath });
    const before = comparable(t.databasePath);
    t.write('m-k8s.md', Buffer.from([0x00, 0xff, 0xfe, 0x00]));
    await expect(seedDatabase({ seedsDir: t.seedsDir, databasePath: t.databasePath })).rejects.toThrow(/m-k8s\.md/);
    expect(comparable(t.databasePath)).toEqual(before);
  });
});
