import type { Database } from 'better-sqlite3';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { createChangeRepository, type ChangeRepository } from '../../db/repositories/changes.js';
import { createDatasetRepository, type DatasetInfo } from '../../db/repositories/dataset.js';
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
  app.decorate('dataset', createDatasetRepository(db).info());
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
