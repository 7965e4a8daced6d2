import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { quoteTerms } from '../../src/search/fts-query.js';
import { planQuery } from '../../src/search/query-plan.js';
import { rankingTiers } from '../../src/search/query.js';
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
};

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
      for (const tier of rankingTiers(plan.groups)) expect(() => run.all(tier.match)).not.toThrow();
    });
  }

  it('finds the words of a query full of syntax characters', () => {
    const plan = planQuery('docker run -it', context);
    const ids = run.all(rankingTiers(plan.groups)[0]!.match);
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

  it('makes framing words (차이) optional boosts rather than requirements', () => {
    const plan = planQuery('도커 볼륨 차이', context);
    expect(plan.groups).toHaveLength(2);
    expect(plan.boosts).toHaveLength(1);
  });
});

describe('rankingTiers', () => {
  it('orders tiers: every word in the question (titles table), in question and answers, anywhere, all but one, any', () => {
    const tiers = rankingTiers(['"a"', '"b"', '"c"']);
    expect(tiers.map((tier) => [tier.table, tier.matchedAll])).toEqual([
      ['search_titles', true],
      ['search_fts', true],
      ['search_fts', true],
      ['search_fts', false],
      ['search_fts', false],
    ]);
    expect(tiers[0]!.match).toBe('"a" AND "b" AND "c"');
    expect(tiers[1]!.match).toBe(
      '({question answers} : ("a" AND "b" AND "c")) NOT ({question} : ("a" AND "b" AND "c"))',
    );
  });

  it('puts each question in exactly one tier, code matches after answer matches', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(
      "CREATE VIRTUAL TABLE search_fts USING fts5(question, answers, code, content='', tokenize='unicode61 remove_diacritics 0')",
    );
    db.exec(
      "CREATE VIRTUAL TABLE search_titles USING fts5(question, content='', tokenize='unicode61 remove_diacritics 0')",
    );
    const rows = [
      ['a b c', '', ''],
      ['a b', 'c', ''],
      ['a b', '', 'c'],
      ['a b', '', ''],
      ['a', '', ''],
      ['x', '', ''],
    ];
    rows.forEach(([question, answers, code], i) => {
      db.prepare('INSERT INTO search_fts (rowid, question, answers, code) VALUES (?, ?, ?, ?)').run(
        i + 1,
        question,
        answers,
        code,
      );
      db.prepare('INSERT INTO search_titles (rowid, question) VALUES (?, ?)').run(i + 1, question);
    });
    const tiers = rankingTiers(['"a"', '"b"', '"c"']);
    const members = tiers.map(
      (tier) =>
        db.prepare(`SELECT rowid FROM ${tier.table} WHERE ${tier.table} MATCH ?`).pluck().all(tier.match) as number[],
    );
    expect(members).toEqual([[1], [2], [3], [4], [5]]);
  });
});
