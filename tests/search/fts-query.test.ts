import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { combine, quoteTerms } from '../../src/search/fts-query.js';
import { planQuery } from '../../src/search/query-plan.js';
import { createSynonymLookup } from '../../src/search/synonym-lookup.js';
import { createSynonymTagger } from '../../src/search/synonym-tokens.js';
import type { Vocabulary } from '../../src/search/vocabulary.js';

const HOSTILE = [
  'docker run -it',
  'kube-system',
  '8080:80',
  "don't",
  '"',
  '""',
  '*',
  '(',
  ')',
  'NEAR(a b)',
  'a AND OR NOT b',
  'col:value',
  '^start',
  '{question}: x',
  'x'.repeat(1000),
  '도커 '.repeat(300),
  '😀 emoji',
  '\u0000\u0007',
  'SELECT * FROM questions;--',
];

const noVocabulary: Vocabulary = {
  hasPrefix: () => true,
  hasLonger: () => true,
  has: () => false,
  containing: () => [],
  corrections: () => [],
  hasWord: () => false,
  startsWord: () => false,
  hangulCorrections: () => [],
  soundsLike: () => [],
};

/** Every expression the searcher runs for a plan: each word's, and all words together. */
function expressions(plan: ReturnType<typeof planQuery>): string[] {
  const each = plan.groups.map((group) => group.expression);
  return each.length > 0
    ? [
        ...each,
        combine(
          each.map((e) => `(${e})`),
          'AND',
        ),
      ]
    : [];
}

describe('quoteTerms', () => {
  it('wraps terms in double quotes and doubles any quote inside', () => {
    expect(quoteTerms(['a"b'])).toBe('"a""b"');
    expect(quoteTerms(['도커', '커를'])).toBe('"도커 커를"');
  });
});

describe('query plans', () => {
  // A real FTS5 table: any expression the planner produces must parse.
  const db = new BetterSqlite3(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE search_fts USING fts5(question, answers, code, content='', tokenize='unicode61 remove_diacritics 0', prefix='3')",
  );
  db.exec(
    "INSERT INTO search_fts (rowid, question, answers, code) VALUES (1, 'docker run it', 'kube system', '8080 80')",
  );
  const run = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?');
  const groups = [['도커', 'docker']];
  const context = {
    synonyms: createSynonymLookup(groups),
    tagger: createSynonymTagger(groups),
    vocabulary: noVocabulary,
  };

  for (const query of HOSTILE) {
    it(`never lets FTS5 syntax through: ${JSON.stringify(query.slice(0, 24))}`, () => {
      const plan = planQuery(query, context);
      for (const expression of expressions(plan)) expect(() => run.all(expression)).not.toThrow();
    });
  }

  it('finds the words of a query full of syntax characters', () => {
    const plan = planQuery('docker run -it', context);
    const ids = run.all(expressions(plan).at(-1)!);
    expect(ids).toEqual([{ rowid: 1 }]);
  });

  it('plans nothing for input without letters or digits', () => {
    expect(planQuery('"*()', context).groups).toEqual([]);
    expect(planQuery('', context).groups).toEqual([]);
  });

  it('bounds the number of query words', () => {
    expect(planQuery(Array.from({ length: 50 }, (_, i) => `word${i}`).join(' '), context).groups.length).toBe(12);
  });

  it('drops question words and particles but keeps them when nothing else is asked', () => {
    expect(planQuery('도커 무엇인가요', context).groups).toHaveLength(1);
    expect(planQuery('무엇인가요', context).groups).toHaveLength(1);
    expect(planQuery('what is docker', context).groups).toHaveLength(1);
  });

  it('gives framing words (차이) and predicates (지워지나요) their own, lighter roles', () => {
    const plan = planQuery('도커 볼륨 차이 지워지나요', context);
    expect(plan.groups.map((group) => [group.text, group.role])).toEqual([
      ['도커', 'content'],
      ['볼륨', 'content'],
      ['차이', 'framing'],
      ['지워지나요', 'predicate'],
    ]);
  });
});
