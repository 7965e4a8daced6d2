/**
 * Builds the search tables from the loaded questions. Runs inside the seed
 * transaction (called by loadDocuments after questions, answers and snippets
 * are written), so the server only ever reads finished indexes.
 */
import type { Database } from 'better-sqlite3';
import { analyzeDocument } from './analyze.js';
import { toInitials, toKeystrokes } from './hangul.js';
import { normalizeForSearch } from './normalize.js';
import { createSynonymTagger } from './synonym-tokens.js';
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

/**
 * Fill the search tables (FTS index, vocabulary, synonyms, autocomplete keys)
 * from the questions, answers and snippets already in `db`. Replaces whatever
 * the tables held, so it can be called again on the same database.
 *
 * @param db A migrated database whose content tables are filled.
 * @param synonyms The parsed synonyms file ([] when there is none).
 */
export function buildSearchIndex(db: Database, synonyms: SynonymSets): void {
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
  const insertKey = db.prepare('INSERT OR IGNORE INTO search_suggest_keys (kind, key, seq, position) VALUES (?, ?, ?, ?)');

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
    `);

    const df = new Map<string, number>();
    const rows = questions.all() as { seq: number; id: string; question: string }[];
    for (const [index, row] of rows.entries()) {
      const position = index + 1;
      insertDoc.run(position, row.seq);
      const seen = new Set<string>();
      const collect = (term: string): void => {
        if (seen.has(term) || !VOCAB_TERM.test(term)) return;
        seen.add(term);
        df.set(term, (df.get(term) ?? 0) + 1);
      };
      const question = analyzeDocument(row.question, collect, tagger);
      const answers = analyzeDocument((answerTexts.all(row.id) as string[]).join('\n'), collect, tagger);
      const code = analyzeDocument((snippetCodes.all(row.id) as string[]).join('\n'), collect, tagger);
      insertFts.run(position, question, answers, code);
      insertTitle.run(position, question);

      splitWords(normalizeForSearch(row.question)).forEach((word, position) => {
        insertKey.run(0, toKeystrokes(word.text), row.seq, position);
        if (word.kind === 'hangul') insertKey.run(1, toInitials(word.text), row.seq, position);
      });
    }

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
