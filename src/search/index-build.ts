/**
 * Builds the search tables from the loaded questions. Runs inside the seed
 * transaction (driven by the seed's Loader as questions are written), so the
 * server only ever reads finished indexes.
 */
import type { Database } from 'better-sqlite3';
import { analyzeDocument } from './analyze.js';
import { withGlossary } from './glossary.js';
import { toInitials, toKeystrokes } from './hangul.js';
import { vocabularyForms } from './korean.js';
import { normalizeForSearch } from './normalize.js';
import { createSynonymTagger, type SynonymTagger } from './synonym-tokens.js';
import type { SynonymSets } from './synonyms.js';
import { splitWords } from './tokenize.js';

/** Vocabulary terms worth correcting or matching inside: letters only, not absurdly long. */
const VOCAB_TERM = /^[a-z]{3,40}$/;
/** Deletion variants are stored for terms at least this long (typos are corrected in words of 5+). */
const MIN_DELETE_TERM = 4;

/** Every string obtained by deleting one character of `term`. */
export function deletionVariants(term: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i < term.length; i += 1) variants.add(term.slice(0, i) + term.slice(i + 1));
  return [...variants];
}

/** The index input of one question: its texts as stored, in the order the database gives them. */
export interface QuestionTexts {
  question: string;
  /** Answer node texts, ordered by line, depth, position. */
  answers: readonly string[];
  /** Snippet codes, in position order. */
  codes: readonly string[];
}

/** Everything the index holds for one question, computed from its texts alone. */
export interface QuestionTerms {
  /** Analysed terms of the three FTS columns. */
  question: string;
  answers: string;
  code: string;
  /** Distinct vocabulary terms (for document frequencies). */
  vocabulary: string[];
  /** Distinct Hangul words and the nouns under their particles (search_words). */
  words: string[];
  /** Autocomplete keys of the title's words: [kind, key, word position]. */
  keys: [kind: 0 | 1, key: string, position: number][];
}

/**
 * Analyse one question for the index. Pure, so the seed step can run it in
 * its parse workers, in parallel, instead of in the one loading thread.
 *
 * @param texts The question's texts as stored.
 * @param tagger Synonym tagger of this seed's synonyms file.
 */
export function questionTerms(texts: QuestionTexts, tagger: SynonymTagger): QuestionTerms {
  const vocabulary = new Set<string>();
  const collect = (term: string): void => {
    if (VOCAB_TERM.test(term)) vocabulary.add(term);
  };
  const keys: QuestionTerms['keys'] = [];
  const words = new Set<string>();
  splitWords(normalizeForSearch(texts.question)).forEach((word, position) => {
    keys.push([0, toKeystrokes(word.text), position]);
    if (word.kind === 'hangul') keys.push([1, toInitials(word.text), position]);
  });
  for (const text of [texts.question, ...texts.answers]) {
    for (const word of splitWords(normalizeForSearch(text)))
      if (word.kind === 'hangul') for (const form of vocabularyForms(word.text)) words.add(form);
  }
  return {
    question: analyzeDocument(texts.question, collect, tagger),
    answers: analyzeDocument(texts.answers.join('\n'), collect, tagger),
    code: analyzeDocument(texts.codes.join('\n'), collect, tagger),
    vocabulary: [...vocabulary],
    words: [...words],
    keys,
  };
}

/**
 * Fills the search tables (FTS index, vocabulary, synonyms, autocomplete
 * keys) while the seed loads questions, replacing whatever they held.
 * Transaction-agnostic, like the seed's Loader: the caller wraps the whole
 * load in one transaction.
 *
 * Work is split so that as little as possible waits for the last document:
 * `add` writes a question's autocomplete keys and counts its vocabulary as
 * soon as the question is loaded (while parse workers are still busy), and
 * `finish` writes what needs every question first: FTS rows, whose rowids
 * follow a prior order over all questions (migrations/0003), and the
 * vocabulary with its document frequencies.
 */
export class SearchIndexBuilder {
  private readonly df = new Map<string, number>();
  private readonly wordDf = new Map<string, number>();
  private readonly synonyms: SynonymSets;
  /** FTS columns of the questions added so far, by question seq. */
  private readonly columns = new Map<number, Pick<QuestionTerms, 'question' | 'answers' | 'code'>>();
  private readonly insertKey;

  constructor(
    private readonly db: Database,
    synonyms: SynonymSets,
  ) {
    // The built-in glossary joins the author's groups (idempotent, so a seed
    // that merged it already for its parse workers gets the same groups).
    this.synonyms = withGlossary(synonyms);
    db.exec(`
      DELETE FROM search_forward;
      DELETE FROM search_df;
      DELETE FROM search_words;
      DELETE FROM search_stats;
      DELETE FROM search_docs;
      DELETE FROM search_suggest_keys;
      DELETE FROM search_synonyms;
      DELETE FROM search_vocab_deletes;
      INSERT INTO search_vocab_trigram (search_vocab_trigram) VALUES ('delete-all');
      DELETE FROM search_vocab;
      INSERT INTO search_fts (search_fts) VALUES ('delete-all');
    `);
    // Keys come in question order, not key order. With the seed's large page
    // cache, inserting them straight into the B-tree costs less than staging
    // them and inserting them sorted at the end (2.1-3.0 s against 3.4-3.9 s
    // for 626,000 keys), and it happens while the workers still parse.
    this.insertKey = db.prepare(
      'INSERT OR IGNORE INTO search_suggest_keys (kind, key, seq, position) VALUES (?, ?, ?, ?)',
    );
  }

  /**
   * Index one loaded question.
   * @param seq Its row in the questions table.
   * @param terms Its terms (questionTerms of its texts as stored).
   */
  add(seq: number, terms: QuestionTerms): void {
    for (const term of terms.vocabulary) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    for (const word of terms.words) this.wordDf.set(word, (this.wordDf.get(word) ?? 0) + 1);
    for (const [kind, key, wordPosition] of terms.keys) this.insertKey.run(kind, key, seq, wordPosition);
    this.columns.set(seq, { question: terms.question, answers: terms.answers, code: terms.code });
  }

  /** Index every question not added (analysing it from the database), then write what needed them all. */
  finish(): void {
    const { db, synonyms } = this;
    // Prior order (see migrations/0003): shorter question text first.
    const questions = db.prepare('SELECT seq, id, question FROM questions ORDER BY length(question), seq');
    const insertDoc = db.prepare('INSERT INTO search_docs (position, seq) VALUES (?, ?)');
    const answerTexts = db
      .prepare('SELECT text FROM answers WHERE question_id = ? ORDER BY line, depth, position')
      .pluck();
    const snippetCodes = db.prepare('SELECT code FROM snippets WHERE question_id = ? ORDER BY position').pluck();
    const insertFts = db.prepare('INSERT INTO search_fts (rowid, question, answers, code) VALUES (?, ?, ?, ?)');
    const insertForward = db.prepare(
      'INSERT INTO search_forward (position, question, answers, code) VALUES (?, ?, ?, ?)',
    );
    const insertWord = db.prepare('INSERT INTO search_words (word, df) VALUES (?, ?)');
    const insertStat = db.prepare('INSERT INTO search_stats (name, value) VALUES (?, ?)');
    const lengths = { question: 0, answers: 0, code: 0 };
    const count = (terms: string): number => (terms === '' ? 0 : terms.split(' ').length);
    const insertVocab = db.prepare('INSERT INTO search_vocab (id, term, df) VALUES (?, ?, ?)');
    const insertDelete = db.prepare('INSERT OR IGNORE INTO search_vocab_deletes (variant, term_id) VALUES (?, ?)');
    const insertSynonym = db.prepare('INSERT INTO search_synonyms (group_id, position, term) VALUES (?, ?, ?)');
    let tagger: SynonymTagger | undefined;

    const rows = questions.all() as { seq: number; id: string; question: string }[];
    for (const [index, row] of rows.entries()) {
      let columns = this.columns.get(row.seq);
      if (!columns) {
        tagger ??= createSynonymTagger(synonyms);
        const terms = questionTerms(
          {
            question: row.question,
            answers: answerTexts.all(row.id) as string[],
            codes: snippetCodes.all(row.id) as string[],
          },
          tagger,
        );
        this.add(row.seq, terms);
        columns = terms;
      }
      const position = index + 1;
      insertDoc.run(position, row.seq);
      insertFts.run(position, columns.question, columns.answers, columns.code);
      insertForward.run(position, columns.question, columns.answers, columns.code);
      lengths.question += count(columns.question);
      lengths.answers += count(columns.answers);
      lengths.code += count(columns.code);
    }
    this.columns.clear();
    const total = Math.max(1, rows.length);
    insertStat.run('questions', rows.length);
    for (const [field, sum] of Object.entries(lengths)) insertStat.run(`avg_${field}`, sum / total);
    for (const [word, df] of this.wordDf) insertWord.run(word, df);
    this.wordDf.clear();

    let id = 0;
    for (const [term, count] of [...this.df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      id += 1;
      insertVocab.run(id, term, count);
      if (term.length >= MIN_DELETE_TERM) {
        for (const variant of deletionVariants(term)) insertDelete.run(variant, id);
      }
    }
    db.exec("INSERT INTO search_vocab_trigram (search_vocab_trigram) VALUES ('rebuild')");

    synonyms.forEach((group, groupId) => {
      group.forEach((term, position) => insertSynonym.run(groupId, position, term));
    });
    // Merge index segments once: the database is read-only from here on.
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
    // Document frequencies of every index term, read from the index itself.
    db.exec(`
      CREATE VIRTUAL TABLE temp.search_fts_terms USING fts5vocab(main, search_fts, 'row');
      INSERT INTO search_df (term, df) SELECT term, doc FROM temp.search_fts_terms;
      DROP TABLE temp.search_fts_terms;
    `);
  }
}

/**
 * Updates the search tables of an already indexed database in place, for
 * the seed's incremental path: the questions of changed files are removed
 * (their index rows deleted with the very terms they were indexed with,
 * which a contentless FTS table needs) and the new ones added.
 *
 * Added questions take prior-order positions after every existing one
 * (search_docs, migrations/0003) rather than their place by length: a
 * full seed (`--full`) restores the exact order.
 */
export class SearchIndexUpdater {
  private readonly tagger: SynonymTagger;
  private readonly statements;
  private readonly added: { seq: number; terms: QuestionTerms }[] = [];
  /** Document-frequency changes by vocabulary term, applied once in finish(). */
  private readonly dfDelta = new Map<string, number>();

  constructor(
    private readonly db: Database,
    synonyms: SynonymSets,
  ) {
    this.tagger = createSynonymTagger(synonyms);
    this.statements = {
      question: db.prepare('SELECT id, question FROM questions WHERE seq = ?'),
      answerTexts: db.prepare('SELECT text FROM answers WHERE question_id = ? ORDER BY line, depth, position').pluck(),
      snippetCodes: db.prepare('SELECT code FROM snippets WHERE question_id = ? ORDER BY position').pluck(),
      position: db.prepare('SELECT position FROM search_docs WHERE seq = ?').pluck(),
      deleteDoc: db.prepare('DELETE FROM search_docs WHERE seq = ?'),
      deleteFts: db.prepare(
        "INSERT INTO search_fts (search_fts, rowid, question, answers, code) VALUES ('delete', ?, ?, ?, ?)",
      ),
      deleteTitle: db.prepare("INSERT INTO search_titles (search_titles, rowid, question) VALUES ('delete', ?, ?)"),
      deleteKey: db.prepare('DELETE FROM search_suggest_keys WHERE kind = ? AND key = ? AND seq = ? AND position = ?'),
      insertKey: db.prepare('INSERT OR IGNORE INTO search_suggest_keys (kind, key, seq, position) VALUES (?, ?, ?, ?)'),
      lastPosition: db.prepare('SELECT coalesce(max(position), 0) FROM search_docs').pluck(),
      length: db.prepare('SELECT length(question) FROM questions WHERE seq = ?').pluck(),
      insertDoc: db.prepare('INSERT INTO search_docs (position, seq) VALUES (?, ?)'),
      insertFts: db.prepare('INSERT INTO search_fts (rowid, question, answers, code) VALUES (?, ?, ?, ?)'),
      insertTitle: db.prepare('INSERT INTO search_titles (rowid, question) VALUES (?, ?)'),
      vocab: db.prepare('SELECT id, df FROM search_vocab WHERE term = ?'),
      setDf: db.prepare('UPDATE search_vocab SET df = ? WHERE id = ?'),
      lastVocabId: db.prepare('SELECT coalesce(max(id), 0) FROM search_vocab').pluck(),
      insertVocab: db.prepare('INSERT INTO search_vocab (id, term, df) VALUES (?, ?, ?)'),
      insertTrigram: db.prepare('INSERT INTO search_vocab_trigram (rowid, term) VALUES (?, ?)'),
      insertDelete: db.prepare('INSERT OR IGNORE INTO search_vocab_deletes (variant, term_id) VALUES (?, ?)'),
      deleteVocab: db.prepare('DELETE FROM search_vocab WHERE id = ?'),
      deleteTrigram: db.prepare(
        "INSERT INTO search_vocab_trigram (search_vocab_trigram, rowid, term) VALUES ('delete', ?, ?)",
      ),
      deleteDeletes: db.prepare('DELETE FROM search_vocab_deletes WHERE term_id = ?'),
    };
  }

  /**
   * Remove a question from the index. Call it while the question's rows
   * (text, answers, snippets) are still in the database: its index terms
   * are analysed from them, as SearchIndexBuilder.finish does.
   */
  remove(seq: number): void {
    const st = this.statements;
    const row = st.question.get(seq) as { id: string; question: string } | undefined;
    if (!row) return;
    const terms = questionTerms(
      {
        question: row.question,
        answers: st.answerTexts.all(row.id) as string[],
        codes: st.snippetCodes.all(row.id) as string[],
      },
      this.tagger,
    );
    const position = st.position.get(seq) as number | undefined;
    if (position !== undefined) {
      st.deleteFts.run(position, terms.question, terms.answers, terms.code);
      st.deleteTitle.run(position, terms.question);
      st.deleteDoc.run(seq);
    }
    for (const [kind, key, wordPosition] of terms.keys) st.deleteKey.run(kind, key, seq, wordPosition);
    for (const term of terms.vocabulary) this.dfDelta.set(term, (this.dfDelta.get(term) ?? 0) - 1);
  }

  /** Index one newly loaded question (terms as questionTerms computes them). */
  add(seq: number, terms: QuestionTerms): void {
    const st = this.statements;
    for (const [kind, key, wordPosition] of terms.keys) st.insertKey.run(kind, key, seq, wordPosition);
    for (const term of terms.vocabulary) this.dfDelta.set(term, (this.dfDelta.get(term) ?? 0) + 1);
    this.added.push({ seq, terms });
  }

  /** Write the added questions' FTS rows, in prior order among themselves, after every existing position. */
  finish(): void {
    const st = this.statements;
    let nextId = st.lastVocabId.get() as number;
    for (const [term, delta] of this.dfDelta) {
      if (delta === 0) continue;
      const vocab = st.vocab.get(term) as { id: number; df: number } | undefined;
      const df = (vocab?.df ?? 0) + delta;
      if (vocab && df > 0) st.setDf.run(df, vocab.id);
      else if (vocab) {
        // No question uses the term any more: typo correction must not offer it.
        st.deleteTrigram.run(vocab.id, term);
        st.deleteDeletes.run(vocab.id);
        st.deleteVocab.run(vocab.id);
      } else if (df > 0) {
        nextId += 1;
        st.insertVocab.run(nextId, term, df);
        st.insertTrigram.run(nextId, term);
        if (term.length >= MIN_DELETE_TERM) {
          for (const variant of deletionVariants(term)) st.insertDelete.run(variant, nextId);
        }
      }
    }
    this.dfDelta.clear();
    let position = st.lastPosition.get() as number;
    const lengths = new Map(this.added.map(({ seq }) => [seq, st.length.get(seq) as number]));
    const ordered = [...this.added].sort((a, b) => lengths.get(a.seq)! - lengths.get(b.seq)! || a.seq - b.seq);
    for (const { seq, terms } of ordered) {
      position += 1;
      st.insertDoc.run(position, seq);
      st.insertFts.run(position, terms.question, terms.answers, terms.code);
      st.insertTitle.run(position, terms.question);
    }
    this.added.length = 0;
  }
}
