import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AnswerNode, FaqDocument } from '../ingest/model.js';
import { SearchIndexBuilder, type QuestionTerms } from '../search/index-build.js';
import type { SynonymSets } from '../search/synonyms.js';

/** What an earlier seed knew, so unchanged content keeps its timestamps. */
export interface PreviousState {
  questions: Map<string, { sourceId: string; contentHash: string; createdAt: string; updatedAt: string }>;
  sources: Map<string, { contentHash: string; seededAt: string; updatedAt: string }>;
  tombstones: Map<string, { sourceId: string; deletedAt: string }>;
  /** The change feed's rows by question id, its high-water seq and its id (see migrations/0006). */
  changes: Map<string, ChangeRow>;
  changeSeq: number;
  feedId: string | null;
}

/** One question's latest change in the feed. */
export interface ChangeRow {
  seq: number;
  questionId: string;
  sourceId: string;
  deleted: boolean;
  contentHash: string | null;
  /** updatedAt of an upsert, deletedAt of a deletion. */
  at: string;
}

export interface LoadOptions {
  /** ISO 8601 time of this seed; injected so tests and re-seeds are deterministic. */
  now: string;
  previous?: PreviousState;
  synonyms?: SynonymSets;
}

export interface LoadSummary {
  sources: number;
  topics: number;
  questions: number;
  answers: number;
  snippets: number;
  links: number;
  images: number;
  tombstones: number;
  datasetHash: string;
}

/** An empty previous state: the first seed. */
export function emptyPreviousState(): PreviousState {
  return {
    questions: new Map(),
    sources: new Map(),
    tombstones: new Map(),
    changes: new Map(),
    changeSeq: 0,
    feedId: null,
  };
}

/**
 * Read the timestamps and hashes of an existing database so the next seed
 * can tell what changed. Call it on the database about to be replaced.
 */
export function readPreviousState(db: Database): PreviousState {
  const state = emptyPreviousState();
  const questions = db.prepare('SELECT id, source_id, content_hash, created_at, updated_at FROM questions').all() as {
    id: string;
    source_id: string;
    content_hash: string;
    created_at: string;
    updated_at: string;
  }[];
  for (const row of questions) {
    state.questions.set(row.id, {
      sourceId: row.source_id,
      contentHash: row.content_hash,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }
  const sources = db.prepare('SELECT id, content_hash, seeded_at, updated_at FROM sources').all() as {
    id: string;
    content_hash: string;
    seeded_at: string;
    updated_at: string;
  }[];
  for (const row of sources) {
    state.sources.set(row.id, { contentHash: row.content_hash, seededAt: row.seeded_at, updatedAt: row.updated_at });
  }
  const tombstones = db.prepare('SELECT id, source_id, deleted_at FROM question_tombstones').all() as {
    id: string;
    source_id: string;
    deleted_at: string;
  }[];
  for (const row of tombstones) state.tombstones.set(row.id, { sourceId: row.source_id, deletedAt: row.deleted_at });
  // A database from before the change feed keeps its timestamps; its feed starts now.
  const hasFeed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'changes'").get();
  if (!hasFeed) return state;
  const changes = db
    .prepare('SELECT seq, question_id, source_id, deleted, content_hash, at FROM changes ORDER BY seq')
    .all() as {
    seq: number;
    question_id: string;
    source_id: string;
    deleted: number;
    content_hash: string | null;
    at: string;
  }[];
  for (const row of changes) {
    state.changes.set(row.question_id, {
      seq: row.seq,
      questionId: row.question_id,
      sourceId: row.source_id,
      deleted: row.deleted === 1,
      contentHash: row.content_hash,
      at: row.at,
    });
  }
  const meta = new Map(
    (
      db.prepare("SELECT key, value FROM meta WHERE key IN ('change_seq', 'feed_id')").all() as {
        key: string;
        value: string;
      }[]
    ).map((row) => [row.key, row.value]),
  );
  state.changeSeq = Math.max(Number(meta.get('change_seq') ?? 0), ...[...state.changes.values()].map((c) => c.seq), 0);
  state.feedId = meta.get('feed_id') ?? null;
  return state;
}

/**
 * The change feed after a seed: a question whose contentHash and updatedAt
 * are what its latest change says keeps that change (and its seq); any other
 * question, and any question deleted since, gets a new change numbered after
 * the previous high-water mark, upserts in load order, then deletions.
 * @param live The questions now served, in load order.
 * @param deleted Tombstones of questions not served now.
 */
export function nextChanges(
  previous: Pick<PreviousState, 'changes' | 'changeSeq'>,
  live: Iterable<{ id: string; sourceId: string; contentHash: string; updatedAt: string }>,
  deleted: Iterable<[string, { sourceId: string; deletedAt: string }]>,
): { rows: ChangeRow[]; changeSeq: number } {
  let seq = previous.changeSeq;
  const rows: ChangeRow[] = [];
  for (const q of live) {
    const was = previous.changes.get(q.id);
    if (was && !was.deleted && was.contentHash === q.contentHash && was.at === q.updatedAt) rows.push(was);
    else {
      seq += 1;
      rows.push({
        seq,
        questionId: q.id,
        sourceId: q.sourceId,
        deleted: false,
        contentHash: q.contentHash,
        at: q.updatedAt,
      });
    }
  }
  for (const [id, tomb] of deleted) {
    const was = previous.changes.get(id);
    if (was?.deleted) rows.push(was);
    else {
      seq += 1;
      rows.push({ seq, questionId: id, sourceId: tomb.sourceId, deleted: true, contentHash: null, at: tomb.deletedAt });
    }
  }
  return { rows, changeSeq: seq };
}

/**
 * Hash that changes whenever anything a client can see changes: list ETags
 * are derived from it at seed time instead of hashing response bodies.
 */
export function datasetHash(
  docs: readonly Pick<FaqDocument, 'id' | 'path' | 'contentHash'>[],
  synonyms: SynonymSets | undefined,
): string {
  const hash = createHash('sha256');
  for (const doc of [...docs].sort((a, b) => a.id.localeCompare(b.id))) {
    hash.update(`${doc.id}\0${doc.path}\0${doc.contentHash}\n`);
  }
  hash.update(JSON.stringify(synonyms ?? null));
  return hash.digest('hex');
}

/**
 * Writes parsed documents into a freshly migrated database, one document at
 * a time, in path order, then the tombstones, search index and meta rows in
 * `finish`. Transaction-agnostic: the caller wraps it in one (see
 * loadDocuments, and seedDatabase, which loads documents while later files
 * are still being parsed).
 */
export class Loader {
  private readonly previous: PreviousState;
  private readonly statements;
  private readonly summary: LoadSummary = {
    sources: 0,
    topics: 0,
    questions: 0,
    answers: 0,
    snippets: 0,
    links: 0,
    images: 0,
    tombstones: 0,
    datasetHash: '',
  };
  /** The questions written so far, in load order (for the change feed). */
  private readonly seen = new Map<string, { id: string; sourceId: string; contentHash: string; updatedAt: string }>();
  private readonly hashed: Pick<FaqDocument, 'id' | 'path' | 'contentHash'>[] = [];
  private readonly index: SearchIndexBuilder;

  constructor(
    db: Database,
    private readonly options: LoadOptions,
  ) {
    this.previous = options.previous ?? emptyPreviousState();
    this.index = new SearchIndexBuilder(db, options.synonyms ?? []);
    this.statements = {
      insertSource: db.prepare(
        `INSERT INTO sources (id, path, title, content_hash, question_count, seeded_at, updated_at, description, description_html)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      findTopic: db.prepare('SELECT slug FROM topics WHERE slug = ?').pluck(),
      insertTopic: db.prepare('INSERT INTO topics (slug, title, parent_slug, position) VALUES (?, ?, ?, ?)'),
      insertSourceTopic: db.prepare(
        'INSERT OR IGNORE INTO source_topics (source_id, topic_slug, line, description, description_html) VALUES (?, ?, ?, ?, ?)',
      ),
      insertQuestion: db.prepare(
        `INSERT INTO questions (id, source_id, topic_slug, position, line, question, markdown, follow_up_of, has_code, content_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertAnswer: db.prepare(
        'INSERT INTO answers (id, question_id, parent_id, position, depth, line, markdown, text, html) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertSnippet: db.prepare(
        'INSERT INTO snippets (id, question_id, answer_id, position, line, language, code, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertLink: db.prepare(
        'INSERT INTO links (source_id, question_id, answer_id, line, url, text, title) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertImage: db.prepare(
        'INSERT INTO images (source_id, question_id, answer_id, topic_slug, line, url, alt, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertTombstone: db.prepare('INSERT INTO question_tombstones (id, source_id, deleted_at) VALUES (?, ?, ?)'),
      insertMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)'),
      insertChange: db.prepare(
        'INSERT INTO changes (seq, question_id, source_id, deleted, content_hash, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  /**
   * Write one document. Documents must come in path order (localeCompare),
   * the order that decides which document fixes a shared topic's title.
   * @param terms its questions' search terms, when already computed
   */
  add(doc: FaqDocument, terms?: Iterable<[string, QuestionTerms]>): void {
    const { now } = this.options;
    const { summary, statements: st } = this;
    const before = this.previous.sources.get(doc.id);
    const unchanged = before?.contentHash === doc.contentHash;
    st.insertSource.run(
      doc.id,
      doc.path,
      doc.title,
      doc.contentHash,
      doc.questions.length,
      before?.seededAt ?? now,
      unchanged ? before.updatedAt : now,
      doc.description?.markdown ?? null,
      doc.description?.html ?? null,
    );
    summary.sources += 1;
    this.hashed.push({ id: doc.id, path: doc.path, contentHash: doc.contentHash });
    const termsById = new Map(terms);

    // Topics are global by slug: the first document to name one fixes its
    // title and parent, so a later document cannot make a cycle.
    for (const topic of doc.topics) {
      if (!st.findTopic.get(topic.slug)) {
        st.insertTopic.run(topic.slug, topic.title, topic.parentSlug, summary.topics);
        summary.topics += 1;
      }
      st.insertSourceTopic.run(
        doc.id,
        topic.slug,
        topic.line,
        topic.description?.markdown ?? null,
        topic.description?.html ?? null,
      );
    }

    const insertAnswers = (questionId: string, nodes: AnswerNode[], parentId: string | null, depth: number): void => {
      nodes.forEach((node, position) => {
        st.insertAnswer.run(
          node.id,
          questionId,
          parentId,
          position,
          depth,
          node.line,
          node.markdown,
          node.text,
          node.html,
        );
        summary.answers += 1;
        insertAnswers(questionId, node.children, node.id, depth + 1);
      });
    };
    doc.questions.forEach((q, position) => {
      const was = this.previous.questions.get(q.id);
      const updatedAt = was && was.contentHash === q.contentHash ? was.updatedAt : now;
      const { lastInsertRowid: seq } = st.insertQuestion.run(
        q.id,
        doc.id,
        q.topicSlug,
        position,
        q.line,
        q.question,
        q.markdown,
        q.followUpOf,
        q.snippets.length > 0 ? 1 : 0,
        q.contentHash,
        was?.createdAt ?? now,
        updatedAt,
      );
      const questionTerms = termsById.get(q.id);
      if (questionTerms) this.index.add(Number(seq), questionTerms);
      this.seen.set(q.id, { id: q.id, sourceId: doc.id, contentHash: q.contentHash, updatedAt });
      summary.questions += 1;
      insertAnswers(q.id, q.answers, null, 0);
      q.snippets.forEach((s, index) => {
        const hash = createHash('sha256')
          .update(`${s.language ?? ''}\0${s.code}`)
          .digest('hex');
        st.insertSnippet.run(s.id, q.id, s.answerId, index, s.line, s.language, s.code, hash);
        summary.snippets += 1;
      });
      for (const link of q.links) {
        st.insertLink.run(doc.id, q.id, link.answerId, link.line, link.url, link.text, link.title);
        summary.links += 1;
      }
      for (const image of q.images) {
        st.insertImage.run(doc.id, q.id, image.answerId, q.topicSlug, image.line, image.url, image.alt, image.title);
        summary.images += 1;
      }
    });

    for (const image of doc.topicImages) {
      st.insertImage.run(doc.id, null, null, image.topicSlug, image.line, image.url, image.alt, image.title);
      summary.images += 1;
    }
  }

  /** Tombstones, the search index and the meta rows, once every document is written. */
  finish(): LoadSummary {
    const { now } = this.options;
    const { summary, statements: st } = this;
    // A question that was served before and is gone now becomes a tombstone,
    // so clients syncing with updatedSince can delete their copy. One that
    // comes back is alive again.
    const tombstones = new Map(this.previous.tombstones);
    for (const [id, was] of this.previous.questions) {
      if (!this.seen.has(id) && !tombstones.has(id)) tombstones.set(id, { sourceId: was.sourceId, deletedAt: now });
    }
    const deleted = [...tombstones].filter(([id]) => !this.seen.has(id));
    for (const [id, tomb] of deleted) {
      st.insertTombstone.run(id, tomb.sourceId, tomb.deletedAt);
      summary.tombstones += 1;
    }
    summary.datasetHash = datasetHash(this.hashed, this.options.synonyms);
    const feed = nextChanges(this.previous, this.seen.values(), deleted);
    for (const c of feed.rows)
      st.insertChange.run(c.seq, c.questionId, c.sourceId, c.deleted ? 1 : 0, c.contentHash, c.at);
    st.insertMeta.run('change_seq', String(feed.changeSeq));
    // A new feed's id comes from its first seed (time and content), so two
    // databases built alike agree, and a database built afresh differs.
    const feedId =
      this.previous.feedId ?? createHash('sha256').update(`${now}\0${summary.datasetHash}`).digest('hex').slice(0, 16);
    st.insertMeta.run('feed_id', feedId);

    // Questions added without terms are analysed here, from the database.
    this.index.finish();

    st.insertMeta.run('dataset_hash', summary.datasetHash);
    st.insertMeta.run('seeded_at', now);
    return summary;
  }
}

/** The order documents are loaded in (and get their question seqs). */
export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path.localeCompare(b.path);
}

/**
 * Write parsed documents into a freshly migrated database, in one
 * transaction: either every table is filled or none is.
 */
export function loadDocuments(db: Database, docs: FaqDocument[], options: LoadOptions): LoadSummary {
  return db.transaction(() => {
    const loader = new Loader(db, options);
    for (const doc of [...docs].sort(byPath)) loader.add(doc);
    return loader.finish();
  })();
}
