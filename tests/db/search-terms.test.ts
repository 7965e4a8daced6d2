import { readdirSync, readFileSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { byPath, Loader } from '../../src/db/load.js';
import { migrate } from '../../src/db/migrate.js';
import { documentTerms, questionTexts } from '../../src/db/search-terms.js';
import { parseFaq } from '../../src/ingest/index.js';
import type { FaqDocument } from '../../src/ingest/model.js';
import { withGlossary } from '../../src/search/glossary.js';
import { createSynonymTagger } from '../../src/search/synonym-tokens.js';
import { parseSynonyms } from '../../src/search/synonyms.js';
import { BUNDLED_SEED, BUNDLED_SYNONYMS } from '../helpers/db.js';

const fixtures = new URL('../fixtures/ingest/', import.meta.url);
const synonyms = parseSynonyms(BUNDLED_SYNONYMS, 'synonyms.yaml');
const docs: FaqDocument[] = [
  parseFaq(BUNDLED_SEED, { path: 'mspt3_24-2-scp.md' }),
  ...readdirSync(fixtures).map((name) => parseFaq(readFileSync(new URL(name, fixtures), 'utf8'), { path: name })),
  ...generateCorpus({ questions: 200, files: 2 }).map((file) => parseFaq(file.markdown, { path: file.path })),
];

/** A database loaded the way the seed loads it, with or without terms from the parse step. */
function seeded(withParseTerms: boolean): Database {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  // As seedDatabase does: the parse workers tag with the glossary merged in.
  const tagger = createSynonymTagger(withGlossary(synonyms));
  db.transaction(() => {
    const loader = new Loader(db, { now: '2026-01-01T00:00:00.000Z', synonyms });
    for (const doc of [...docs].sort(byPath)) loader.add(doc, withParseTerms ? documentTerms(doc, tagger) : undefined);
    loader.finish();
  })();
  db.exec(`
    CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab(main, search_fts, 'instance');
  `);
  return db;
}

/** Everything the search tables hold, in a comparable form. */
function searchTables(db: Database): Record<string, unknown[]> {
  return Object.fromEntries(
    [
      'fts_terms',
      'search_docs',
      'search_forward',
      'search_df',
      'search_words',
      'search_stats',
      'search_vocab',
      'search_vocab_deletes',
      'search_synonyms',
      'search_suggest_keys',
    ].map((table) => [
      table,
      db
        .prepare(`SELECT * FROM ${table}`)
        .raw()
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

describe('search terms computed by the parse step', () => {
  it('fill the search tables exactly as terms computed from the loaded database do', () => {
    const fromParse = searchTables(seeded(true));
    const fromDatabase = searchTables(seeded(false));
    expect(fromParse.fts_terms!.length).toBeGreaterThan(1000);
    expect(fromParse.search_suggest_keys!.length).toBeGreaterThan(100);
    expect(fromParse).toEqual(fromDatabase);
  });

  it("read a question's answers in document order, nested answers after their parent", () => {
    const doc = parseFaq('- Question?\n  - first\n    - nested\n  - second\n  ```bash\n  echo hi\n  ```\n', {
      path: 'q.md',
    });
    expect(questionTexts(doc.questions[0]!)).toEqual({
      question: 'Question?',
      answers: ['first', 'nested', 'second'],
      codes: ['echo hi'],
    });
  });
});
