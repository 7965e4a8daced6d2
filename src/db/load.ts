import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AnswerNode, FaqDocument, FaqQuestion } from '../ingest/model.js';
import { questionTerms, SearchIndexBuilder, SearchIndexUpdater, type QuestionTerms } from '../search/index-build.js';
import { createSynonymTagger, type SynonymTagger } from '../search/synonym-tokens.js';
import type { SynonymSets } from '../search/synonyms.js';
import { questionTexts } from './search-terms.js';

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
  /**
   * Load into a copy of the previous database instead of an empty one (the
   * seed's incremental path): see Loader.
   */
  inPlace?: boolean;
  /** The parser fingerprint (parse-cache.ts), kept in meta: rows are carried over only under the same parser. */
  parserFingerprint?: string | null;
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
export function readPreviousState(db: Database, onlySources?: readonly string[]): PreviousState {
  const state = emptyPreviousState();
  // An in-place load only replaces some sources: the rest of the questions
  // (and their changes) stay as they are, so there is no need to read them.
  const only = onlySources ? ' WHERE source_id IN (SELECT value FROM json_each(@sources))' : '';
  const sourcesParam = { sources: JSON.stringify(onlySources ?? []) };
  const questions = db
    .prepare(`SELECT id, source_id, content_hash, created_at, updated_at FROM questions${only}`)
    .all(onlySources ? sourcesParam : {}) as {
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
    .prepare(
      `SELECT seq, question_id, source_id, deleted, content_hash, at FROM changes${only ? `${only} OR deleted = 1` : ''} ORDER BY seq`,
    )
    .all(onlySources ? sourcesParam : {}) as {
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

/** A source's questions take the seqs `ordinal * SEQ_SLOT + position + 1`. */
export const SEQ_SLOT = 2 ** 20;
/**
 * A full seed spaces source ordinals this far apart (in path order), so a
 * file added later gets a slot between its neighbours and every question
 * keeps the place in the global order a full seed would give it.
 */
export const ORDINAL_GAP = 1024;

/** What the seed knows about a document's file besides the document. */
export interface SourceFacts {
  /** sha256 of the file's bytes (unchanged files are carried over by it). */
  fileHash?: string;
  /** Slot in path order; by default the next one of a full seed. */
  ordinal?: number;
}

interface LiveQuestion {
  id: string;
  sourceId: string;
  contentHash: string;
  updatedAt: string;
}

/**
 * Writes parsed documents, one at a time, in path order, then what spans
 * documents (topics, tombstones, the change feed, the search index, meta
 * rows) in `finish`. Into an empty, migrated database (a full seed), or, with
 * `inPlace`, into a copy of the previous database: `removeSource` the files
 * that changed or went, `add` their new versions, and `finish` rebuilds the
 * rest exactly as a full seed would. Transaction-agnostic: the caller wraps
 * the whole load in one (see loadDocuments and seedDatabase).
 */
export class Loader {
  private readonly previous: PreviousState;
  private readonly statements;
  private readonly index: SearchIndexBuilder | SearchIndexUpdater;
  private readonly tagger;
  /** Documents added by this loader (the next full-seed ordinal). */
  private added = 0;
  /** The questions loaded, in load order (for tombstones and the change feed). */
  private readonly loaded: LiveQuestion[] = [];

  constructor(
    private readonly db: Database,
    private readonly options: LoadOptions,
  ) {
    this.previous = options.previous ?? emptyPreviousState();
    const synonyms = options.synonyms ?? [];
    this.tagger = createSynonymTagger(synonyms);
    if (options.inPlace) {
      // The caller turns foreign keys off for an in-place load: deleting a
      // changed file's rows would otherwise scan every unindexed child column
      // (answers.parent_id, search_suggest_keys.seq, …) once per row deleted.
      // Rows are written by the same code as a full seed, which enforces
      // them; what only this path rebuilds is checked in finish().
      this.index = new SearchIndexUpdater(db, synonyms);
    } else {
      this.index = new SearchIndexBuilder(db, synonyms);
    }
    this.statements = {
      insertSource: db.prepare(
        `INSERT INTO sources (id, path, title, content_hash, question_count, seeded_at, updated_at, description, description_html,
                              file_hash, ordinal, report)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      findTopic: db.prepare('SELECT slug FROM topics WHERE slug = ?').pluck(),
      countTopics: db.prepare('SELECT count(*) FROM topics').pluck(),
      insertTopic: db.prepare('INSERT INTO topics (slug, title, parent_slug, position) VALUES (?, ?, ?, ?)'),
      insertSourceTopic: db.prepare(
        `INSERT OR IGNORE INTO source_topics (source_id, topic_slug, line, description, description_html, title, parent_slug)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertQuestion: db.prepare(
        `INSERT INTO questions (seq, id, source_id, topic_slug, position, line, question, markdown, follow_up_of, has_code, content_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      insertChange: db.prepare(
        'INSERT OR REPLACE INTO changes (seq, question_id, source_id, deleted, content_hash, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  /**
   * Write one document. Documents must come in path order (localeCompare),
   * the order that decides which document fixes a shared topic's title.
   * @param terms its questions' search terms, when already computed
   * @param facts the file's hash and (incremental seeds) its ordinal
   */
  add(doc: FaqDocument, terms?: Iterable<[string, QuestionTerms]>, facts: SourceFacts = {}): void {
    const { now } = this.options;
    const st = this.statements;
    this.added += 1;
    const ordinal = facts.ordinal ?? this.added * ORDINAL_GAP;
    if (doc.questions.length >= SEQ_SLOT)
      throw new Error(`${doc.path}: more than ${SEQ_SLOT - 1} questions in one file`);
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
      facts.fileHash ?? null,
      ordinal,
      JSON.stringify({ warnings: doc.warnings, unplaced: doc.unplaced }),
    );
    const termsById = new Map(terms);

    // Topics are global by slug: the first document to name one fixes its
    // title and parent, so a later document cannot make a cycle.
    for (const topic of doc.topics) {
      if (!st.findTopic.get(topic.slug))
        st.insertTopic.run(topic.slug, topic.title, topic.parentSlug, st.countTopics.get() as number);
      st.insertSourceTopic.run(
        doc.id,
        topic.slug,
        topic.line,
        topic.description?.markdown ?? null,
        topic.description?.html ?? null,
        topic.title,
        topic.parentSlug,
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
        insertAnswers(questionId, node.children, node.id, depth + 1);
      });
    };
    doc.questions.forEach((q, position) => {
      const was = this.previous.questions.get(q.id);
      const updatedAt = was && was.contentHash === q.contentHash ? was.updatedAt : now;
      const seq = ordinal * SEQ_SLOT + position + 1;
      st.insertQuestion.run(
        seq,
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
      this.loaded.push({ id: q.id, sourceId: doc.id, contentHash: q.contentHash, updatedAt });
      insertAnswers(q.id, q.answers, null, 0);
      q.snippets.forEach((s, index) => {
        const hash = createHash('sha256')
          .update(`${s.language ?? ''}\0${s.code}`)
          .digest('hex');
        st.insertSnippet.run(s.id, q.id, s.answerId, index, s.line, s.language, s.code, hash);
      });
      for (const link of q.links)
        st.insertLink.run(doc.id, q.id, link.answerId, link.line, link.url, link.text, link.title);
      for (const image of q.images)
        st.insertImage.run(doc.id, q.id, image.answerId, q.topicSlug, image.line, image.url, image.alt, image.title);
      // The builder of a full seed analyses questions without terms itself,
      // from the database; the updater needs them now.
      const questionTerms = termsById.get(q.id) ?? (this.options.inPlace ? analyse(q, this.tagger) : undefined);
      if (questionTerms) this.index.add(seq, questionTerms);
    });

    for (const image of doc.topicImages)
      st.insertImage.run(doc.id, null, null, image.topicSlug, image.line, image.url, image.alt, image.title);
  }

  /**
   * Remove a source and everything that hangs off it, search entries
   * included (an in-place load only): its file changed or is gone.
   */
  removeSource(sourceId: string): void {
    const { db } = this;
    if (!(this.index instanceof SearchIndexUpdater)) throw new Error('internal error: removeSource needs inPlace');
    const seqs = db.prepare('SELECT seq FROM questions WHERE source_id = ?').pluck().all(sourceId) as number[];
    for (const seq of seqs) this.index.remove(seq);
    const ofSource = 'SELECT id FROM questions WHERE source_id = ?';
    db.prepare('DELETE FROM links WHERE source_id = ?').run(sourceId);
    db.prepare('DELETE FROM images WHERE source_id = ?').run(sourceId);
    db.prepare(`DELETE FROM snippets WHERE question_id IN (${ofSource})`).run(sourceId);
    db.prepare(`DELETE FROM answers WHERE question_id IN (${ofSource})`).run(sourceId);
    db.prepare('DELETE FROM questions WHERE source_id = ?').run(sourceId);
    db.prepare('DELETE FROM source_topics WHERE source_id = ?').run(sourceId);
    db.prepare('DELETE FROM sources WHERE id = ?').run(sourceId);
  }

  /** Topics from every source's headings, as a full seed makes them: first source in path order wins. */
  private rebuildTopics(): void {
    const { db } = this;
    const sources = (db.prepare('SELECT id, path FROM sources').all() as { id: string; path: string }[]).sort(byPath);
    const headings = db.prepare(
      'SELECT topic_slug, title, parent_slug FROM source_topics WHERE source_id = ? ORDER BY line',
    );
    const insert = this.statements.insertTopic;
    db.exec('DELETE FROM topics');
    const seen = new Set<string>();
    for (const source of sources) {
      for (const row of headings.all(source.id) as {
        topic_slug: string;
        title: string;
        parent_slug: string | null;
      }[]) {
        if (seen.has(row.topic_slug)) continue;
        insert.run(row.topic_slug, row.title, row.parent_slug, seen.size);
        seen.add(row.topic_slug);
      }
    }
  }

  /** Topics (in place), tombstones, the change feed, the search index and the meta rows, once every document is written. */
  finish(): LoadSummary {
    const { now, inPlace, synonyms } = this.options;
    const { db, statements: st } = this;
    if (inPlace) {
      this.rebuildTopics();
      for (const table of ['topics', 'source_topics', 'questions', 'sources']) {
        const broken = db.pragma(`foreign_key_check(${table})`) as { table: string; parent: string }[];
        if (broken.length > 0)
          throw new Error(
            `FOREIGN KEY constraint failed: ${broken[0]!.table} → ${broken[0]!.parent} (${broken.length} rows)`,
          );
      }
    }
    // In place, the questions carried over keep their tombstone-free state
    // and their change rows: only the questions loaded now can change them.
    const live = this.loaded;
    const alive = new Set(live.map((q) => q.id));
    // A question that was served before and is gone now becomes a tombstone,
    // so clients syncing with updatedSince can delete their copy. One that
    // comes back is alive again.
    const tombstones = new Map(this.previous.tombstones);
    for (const [id, was] of this.previous.questions) {
      if (!alive.has(id) && !tombstones.has(id)) tombstones.set(id, { sourceId: was.sourceId, deletedAt: now });
    }
    const deleted = [...tombstones].filter(([id]) => !alive.has(id));
    if (inPlace) db.exec('DELETE FROM question_tombstones');
    for (const [id, tomb] of deleted) st.insertTombstone.run(id, tomb.sourceId, tomb.deletedAt);

    const docs = db.prepare('SELECT id, path, content_hash AS contentHash FROM sources').all() as Pick<
      FaqDocument,
      'id' | 'path' | 'contentHash'
    >[];
    const hash = datasetHash(docs, synonyms);
    const feed = nextChanges(this.previous, live, deleted);
    for (const c of feed.rows) {
      // In place, the rows carried over are already there.
      if (inPlace && this.previous.changes.get(c.questionId) === c) continue;
      st.insertChange.run(c.seq, c.questionId, c.sourceId, c.deleted ? 1 : 0, c.contentHash, c.at);
    }
    st.setMeta.run('change_seq', String(feed.changeSeq));
    // A new feed's id comes from its first seed (time and content), so two
    // databases built alike agree, and a database built afresh differs.
    st.setMeta.run(
      'feed_id',
      this.previous.feedId ?? createHash('sha256').update(`${now}\0${hash}`).digest('hex').slice(0, 16),
    );

    // A full seed's builder analyses questions added without terms here, from the database.
    this.index.finish();

    st.setMeta.run('dataset_hash', hash);
    st.setMeta.run('seeded_at', now);
    st.setMeta.run('synonyms_hash', synonymsHash(synonyms));
    if (this.options.parserFingerprint) st.setMeta.run('parser_fingerprint', this.options.parserFingerprint);
    const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      sources: docs.length,
      topics: count('topics'),
      questions: count('questions'),
      answers: count('answers'),
      snippets: count('snippets'),
      links: count('links'),
      images: count('images'),
      tombstones: deleted.length,
      datasetHash: hash,
    };
  }
}

/** The hash of a seed's synonyms as stored in meta (an incremental seed needs the same ones). */
export function synonymsHash(synonyms: SynonymSets | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify(synonyms ?? []))
    .digest('hex');
}

/** A question's search terms, for an in-place load given none. */
function analyse(question: FaqQuestion, tagger: SynonymTagger): QuestionTerms {
  return questionTerms(questionTexts(question), tagger);
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
