import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { createQuestionRepository } from '../../../src/db/repositories/questions.js';
import { createSnippetRepository } from '../../../src/db/repositories/snippets.js';
import { createSourceRepository } from '../../../src/db/repositories/sources.js';
import { createTopicRepository } from '../../../src/db/repositories/topics.js';
import { createTestDatabase } from '../../helpers/db.js';
import { FIXTURE_FILES } from '../../helpers/fixtures.js';

let db: Database;
beforeEach(() => {
  db = createTestDatabase(FIXTURE_FILES);
});
afterEach(() => {
  db.close();
});

describe('repositories (no Fastify)', () => {
  it('sums question counts up the topic tree and records depth', () => {
    const topics = createTopicRepository(db);
    expect(topics.list().map((t) => [t.slug, t.depth, t.questionCount, t.totalQuestionCount])).toEqual([
      ['docker', 0, 3, 4],
      ['docker-summary', 1, 0, 0],
      ['docker-networking', 1, 1, 1],
      ['kubernetes', 0, 3, 3],
      ['linux', 0, 1, 1],
    ]);
    expect(topics.get('nope')).toBeUndefined();
  });

  it('pages questions by key and never repeats across pages', () => {
    const questions = createQuestionRepository(db);
    const first = questions.page({}, 0, 3);
    const second = questions.page({}, first[2]!.seq, 3);
    const all = questions.page({}, 0, 100);
    expect([...first, ...second]).toEqual(all.slice(0, 6));
    expect(all.map((q) => q.seq)).toEqual([...all.map((q) => q.seq)].sort((a, b) => a - b));
    expect(questions.count({ topic: 'docker', hasCode: true })).toBe(1);
  });

  it('rebuilds the nested answer tree in order', () => {
    const questions = createQuestionRepository(db);
    const id = questions.page({}, 0, 1)[0]!.id;
    const question = questions.get(id)!;
    expect(question.answers.map((a) => [a.text, a.children.map((c) => c.text)])).toEqual([
      ['It splits the build into stages.', ['The builder stage holds the toolchain.']],
      ['Only the last stage ends up in the image.', []],
    ]);
    expect(questions.contentHash(id)).toBe(question.contentHash);
    expect(questions.get('q_missing')).toBeUndefined();
    expect(questions.summaries([id, 'q_missing', id]).map((q) => q.id)).toEqual([id, id]);
  });

  it('orders snippets by question then position and filters by language', () => {
    const snippets = createSnippetRepository(db);
    expect(snippets.page({}, undefined, 10).map((s) => s.code)).toEqual([
      'docker images',
      'kubectl get pods',
      'free -h',
    ]);
    const [first] = snippets.page({}, undefined, 1);
    expect(snippets.page({}, first!.key, 10).map((s) => s.code)).toEqual(['kubectl get pods', 'free -h']);
    expect(snippets.count({ language: 'bash' })).toBe(2);
    expect(snippets.languages()).toEqual(['bash', 'sh']);
  });

  it('reads sources as plain objects', () => {
    const sources = createSourceRepository(db);
    expect(sources.count()).toBe(2);
    expect(sources.get('guide')).toEqual({
      id: 'guide',
      path: 'guide.md',
      title: 'Course Guide',
      questionCount: 6,
      contentHash: expect.any(String),
      seededAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      description: null,
    });
  });
});
