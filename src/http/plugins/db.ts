import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createChangeRepository, type ChangeRepository } from '../../db/repositories/changes.js';
import { createQuestionRepository, type QuestionRepository } from '../../db/repositories/questions.js';
import { createSnippetRepository, type SnippetRepository } from '../../db/repositories/snippets.js';
import { createSourceRepository, type SourceRepository } from '../../db/repositories/sources.js';
import { createTopicRepository, type TopicRepository } from '../../db/repositories/topics.js';
import { createSearcher, type Searcher } from '../../search/query.js';

export interface Repositories {
  sources: SourceRepository;
  topics: TopicRepository;
  questions: QuestionRepository;
  snippets: SnippetRepository;
  changes: ChangeRepository;
}

/** Facts about the seeded content as a whole, read once at start-up. */
export interface DatasetInfo {
  /** Changes whenever anything a client can see changes; list ETags derive from it. */
  hash: string;
  seededAt: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    repos: Repositories;
    dataset: DatasetInfo;
    /** Full-text search over the same handle, shared by /v1/search and /v1/questions?q=. */
    searcher: Searcher;
  }
}

export interface DbPluginOptions {
  db: Database;
  /** Close the handle when the app closes (true when buildApp opened it). */
  closeOnShutdown: boolean;
}

/**
 * The seed writes `dataset_hash`; a database without it (hand-made, or from
 * an older loader) still gets a stable hash from its sources' content hashes.
 */
function readDataset(db: Database): DatasetInfo {
  const meta = new Map(
    db
      .prepare<[], { key: string; value: string }>(
        "SELECT key, value FROM meta WHERE key IN ('dataset_hash', 'seeded_at')",
      )
      .all()
      .map((row) => [row.key, row.value]),
  );
  let hash = meta.get('dataset_hash');
  if (hash === undefined) {
    const digest = createHash('sha256');
    for (const row of db
      .prepare<[], { id: string; content_hash: string }>('SELECT id, content_hash FROM sources ORDER BY id')
      .iterate()) {
      digest.update(`${row.id}\0${row.content_hash}\n`);
    }
    hash = digest.digest('hex');
  }
  return { hash, seededAt: meta.get('seeded_at') ?? null };
}

const dbPlugin: FastifyPluginAsync<DbPluginOptions> = async (app, options) => {
  const { db, closeOnShutdown } = options;
  app.decorate('db', db);
  app.decorate('repos', {
    sources: createSourceRepository(db),
    topics: createTopicRepository(db),
    questions: createQuestionRepository(db),
    snippets: createSnippetRepository(db),
    changes: createChangeRepository(db),
  });
  app.decorate('dataset', readDataset(db));
  app.decorate('searcher', createSearcher(db));
  if (closeOnShutdown) {
    app.addHook('onClose', async () => {
      if (db.open) db.close();
    });
  }
};

/** The database handle, its repositories, dataset facts and searcher, decorated onto the app. */
export const dbAccess = fp(dbPlugin, { name: 'faq-db', fastify: '5.x' });
export default dbAccess;
