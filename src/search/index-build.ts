/**
 * Builds the search tables from the loaded questions. Runs inside the seed
 * transaction (called by loadDocuments after questions, answers and snippets
 * are written), so the server only ever reads finished indexes.
 */
import type { Database } from 'better-sqlite3';
import { analyzeDocument } from './analyze.js';
import { toInitials, toKeystrokes } from './hangul.js';
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
  splitWords(normalizeForSearch(texts.question)).forEach((word, position) => {
    keys.push([0, toKeystrokes(word.text), position]);
    if (word.kind === 'hangul') keys.push([1, toInitials(word.text), position]);
  });
  return {
    question: analyzeDocument(texts.question, collect, tagger),
    answers: analyzeDocument(texts.answers.join('\n'), collect, tagger),
    code: analyzeDocument(texts.codes.join('\n'), collect, tagger),
    vocabulary: [...vocabulary],
    keys,
  };
}

/**
 * Fill the search tables (FTS index, vocabulary, synonyms, autocomplete keys)
 * from the questions, answers and snippets already in `db`. Replaces whatever
 * the tables held, so it can be called again on the same database.
 *
 * @param db A migrated database whose content tables are filled.
 * @param synonyms The parsed synonyms file ([] when there is none).
 * @param analysed Terms already computed per question id (by the seed's
 *   parse workers); questions missing from it are analysed here.
 */
export function buildSearchIndex(db: Database, synonyms: SynonymSets, analysed?: ReadonlyMap<string, QuestionTerms>): void {
  // Prior order (see migrations/0003): shorter question text first.
  const questions = db.prepare('SELECT seq, id, question FROM questions ORDER BY length(question), seq');
  const insertDoc = db.prepare('INSERT INTO search_docs (position, seq) VALUES (?, ?)');
  const answerTexts = db.prepare('SELECT text FROM answers WHERE question_id = ? ORDER BY line, depth, position').pluck();
  const snippetCodes = db.prepare('SELECT code FROM snippets WHERE question_id = ? ORDER BY position').pluck();
  const insertFts = db.prepare('INSERT INTO search_fts (rowid, question, answers, code) VALUES (?, ?, ?, ?)');
  const insertTitle = db.prepare('INSERT INTO search_titles (rowid, question) VALUES (?, ?)');
  const insertVocab = db.prepare('INSERT INTO search_vocab (id, term, df) VALUES (?, ?, ?)');
  const insertDelete = db.prepare('INSERT OR IGNORE INTO search_vocab_deletes (variant, term_id) VALUES (?, ?)');
  const insertSynonym = db.prepare('INSERT INTO search_synonyms (group_id, position, term) VALUES (?, ?, ?)');

  const tagger = createSynonymTagger(synonyms);
  const build = db.transaction(() => {
    db.exec(`
      DELETE FROM search_docs;
      DELETE FROM search_suggest_keys;
      DELETE FROM search_synonyms;
      DELETE FROM search_vocab_deletes;
      INSERT INTO search_vocab_trigram (search_vocab_trigram) VALUES ('delete-all');
      DELETE FROM search_vocab;
      INSERT INTO search_fts (search_fts) VALUES ('delete-all');
      INSERT INTO search_titles (search_titles) VALUES ('delete-all');
      CREATE TEMP TABLE suggest_keys_unsorted (kind INTEGER, key TEXT, seq INTEGER, position INTEGER);
    `);
    const insertKey = db.prepare('INSERT INTO suggest_keys_unsorted (kind, key, seq, position) VALUES (?, ?, ?, ?)');

    const df = new Map<string, number>();
    const rows = questions.all() as { seq: number; id: string; question: string }[];
    for (const [index, row] of rows.entries()) {
      const position = index + 1;
      insertDoc.run(position, row.seq);
      const terms = analysed?.get(row.id) ?? questionTerms({
        question: row.question,
        answers: answerTexts.all(row.id) as string[],
        codes: snippetCodes.all(row.id) as string[],
      }, tagger);
      for (const term of terms.vocabulary) df.set(term, (df.get(term) ?? 0) + 1);
      insertFts.run(position, terms.question, terms.answers, terms.code);
      insertTitle.run(position, terms.question);
      for (const [kind, key, wordPosition] of terms.keys) insertKey.run(kind, key, row.seq, wordPosition);
    }
    // Keys arrive in question order but the table is keyed by the key text:
    // inserting them sorted (SQLite's sorter) appends to the B-tree instead
    // of writing all over it, several times faster at 100,000 questions.
    db.exec(`
      INSERT OR IGNORE INTO search_suggest_keys (kind, key, seq, position)
        SELECT kind, key, seq, position FROM suggest_keys_unsorted ORDER BY kind, key, seq, position;
      DROP TABLE suggest_keys_unsorted;
    `);

    let id = 0;
    for (const [term, count] of [...df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
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
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize'); INSERT INTO search_titles (search_titles) VALUES ('optimize')");
  });
  build();
}
