/**
 * The search development set (../shared/search-dev: three course FAQ files
 * and labelled learner queries of twelve kinds) measured through the real
 * seed step and searcher, side by side with two naive baselines built in
 * the same run over the same questions: FTS5 trigram (coordination level,
 * then bm25; LIKE for words under 3 characters) and FTS5 unicode61 (the
 * same ranking over its word tokens).
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase, type Database } from '../src/db/open.js';
import { seedDatabase } from '../src/db/seed.js';
import { createSearcher, GOOD_MATCH } from '../src/search/query.js';

export interface DevQuery {
  q: string;
  /** Exact question texts, best first; empty for negatives. */
  relevant: string[];
  kind: string;
  line: number;
}

/** Read queries.tsv (header: query, relevant, kind, note). */
export function readDevQueries(dir: string): DevQuery[] {
  const lines = readFileSync(join(dir, 'queries.tsv'), 'utf8').split('\n');
  const queries: DevQuery[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const [q, relevant, kind] = line.split('\t');
    queries.push({
      q: q!,
      relevant: relevant ? relevant.split(' || ').map((text) => text.trim()) : [],
      kind: kind!,
      line: index + 2,
    });
  });
  return queries;
}

/** A ranked list of question texts for a query. */
type Ranker = (q: string) => { question: string; score?: number; matchedAllTerms?: boolean }[];

interface Scores {
  recall: number;
  rr: number;
  ndcg: number;
}

function scoreRanking(ranked: string[], relevant: string[]): Scores {
  const wanted = new Set(relevant);
  const top5 = ranked.slice(0, 5).filter((text) => wanted.has(text)).length;
  const first = ranked.slice(0, 10).findIndex((text) => wanted.has(text));
  let dcg = 0;
  ranked.slice(0, 10).forEach((text, i) => {
    if (wanted.has(text)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(10, wanted.size); i += 1) ideal += 1 / Math.log2(i + 2);
  return { recall: top5 / Math.min(5, wanted.size), rr: first < 0 ? 0 : 1 / (first + 1), ndcg: dcg / ideal };
}

/** Naive FTS5 baselines over the seeded questions (question, answers and code as one text). */
function baselines(db: Database): { trigram: Ranker; unicode61: Ranker } {
  const rows = db
    .prepare(
      `SELECT q.seq, q.question,
         q.question || char(10) || coalesce((SELECT group_concat(text, char(10)) FROM answers a WHERE a.question_id = q.id), '')
         || char(10) || coalesce((SELECT group_concat(code, char(10)) FROM snippets s WHERE s.question_id = q.id), '') AS body
       FROM questions q`,
    )
    .all() as { seq: number; question: string; body: string }[];
  const mem = new BetterSqlite3(':memory:');
  mem.exec(`CREATE VIRTUAL TABLE tri USING fts5(body, tokenize = 'trigram');
    CREATE VIRTUAL TABLE uni USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE docs (seq INTEGER PRIMARY KEY, question TEXT, body TEXT);`);
  const insert = mem.transaction(() => {
    for (const row of rows) {
      mem.prepare('INSERT INTO tri (rowid, body) VALUES (?, ?)').run(row.seq, row.body);
      mem.prepare('INSERT INTO uni (rowid, body) VALUES (?, ?)').run(row.seq, row.body);
      mem.prepare('INSERT INTO docs VALUES (?, ?, ?)').run(row.seq, row.question, row.body.toLowerCase());
    }
  });
  insert();
  const questionOf = new Map(rows.map((row) => [row.seq, row.question]));
  const quote = (word: string): string => `"${word.replace(/"/g, '""')}"`;
  const like = mem.prepare("SELECT seq FROM docs WHERE body LIKE ? ESCAPE '\\'").pluck();

  /** Coordination level (query words matched), then bm25 of the words FTS5 can match. */
  const rank = (table: 'tri' | 'uni', words: string[], likeWords: string[]): string[] => {
    const count = new Map<number, number>();
    const bm25 = new Map<number, number>();
    for (const word of words) {
      const ids = mem.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(quote(word)) as number[];
      for (const id of ids) count.set(id, (count.get(id) ?? 0) + 1);
    }
    for (const word of likeWords) {
      const ids = like.all(`%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as number[];
      for (const id of ids) count.set(id, (count.get(id) ?? 0) + 1);
    }
    if (words.length > 0) {
      const any = words.map(quote).join(' OR ');
      for (const row of mem
        .prepare(`SELECT rowid AS id, bm25(${table}) AS r FROM ${table} WHERE ${table} MATCH ?`)
        .all(any) as {
        id: number;
        r: number;
      }[])
        bm25.set(row.id, row.r);
    }
    return [...count.keys()]
      .sort((a, b) => count.get(b)! - count.get(a)! || (bm25.get(a) ?? 0) - (bm25.get(b) ?? 0) || a - b)
      .slice(0, 10)
      .map((id) => questionOf.get(id)!);
  };
  const words = (q: string): string[] => q.split(/\s+/).filter((word) => word.length > 0);
  return {
    trigram: (q) => {
      const all = words(q);
      return rank(
        'tri',
        all.filter((w) => [...w].length >= 3),
        all.filter((w) => [...w].length < 3),
      ).map((question) => ({ question }));
    },
    unicode61: (q) => {
      // unicode61's own tokens of the query, each required as a word.
      const tokens = q.match(/[\p{L}\p{N}]+/gu) ?? [];
      return rank('uni', [...new Set(tokens)], []).map((question) => ({ question }));
    },
  };
}

interface KindRow {
  kind: string;
  n: number;
  systems: Record<string, Scores>;
}

/**
 * Seed the dev set (plus `extraDirs`' markdown as distractors) into a
 * temporary database and print per-kind figures for our search and the two
 * baselines; returns the overall and per-kind MRR of our search.
 */
export async function runDevSet(options: {
  devDir: string;
  synonymsFile: string;
  extraDirs?: string[];
  label: string;
  /** Only queries whose line number has this parity (holdout tuning); all when absent. */
  half?: 'odd' | 'even';
  verbose?: boolean;
}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'faq-bench-devset-'));
  try {
    const seedsDir = join(dir, 'seeds');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(seedsDir);
    for (const name of readdirSync(options.devDir).filter((n) => n.endsWith('.md') && n !== 'README.md'))
      copyFileSync(join(options.devDir, name), join(seedsDir, name));
    for (const extra of options.extraDirs ?? []) {
      for (const name of readdirSync(extra).filter((n) => n.endsWith('.md')))
        copyFileSync(join(extra, name), join(seedsDir, `distractor-${name}`));
    }
    copyFileSync(options.synonymsFile, join(seedsDir, 'synonyms.yaml'));
    const databasePath = join(dir, 'devset.db');
    await seedDatabase({ seedsDir, databasePath, now: '2026-01-01T00:00:00.000Z' });
    const db = openDatabase(databasePath, { readonly: true });
    const count = db.prepare('SELECT count(*) FROM questions').pluck().get() as number;
    const searcher = createSearcher(db);
    const naive = baselines(db);
    const systems: Record<string, Ranker> = {
      ours: (q) => searcher.search({ q, limit: 10 }).items,
      trigram: naive.trigram,
      unicode61: naive.unicode61,
    };
    let queries = readDevQueries(options.devDir);
    if (options.half) queries = queries.filter((query) => query.line % 2 === (options.half === 'odd' ? 1 : 0));
    const positives = queries.filter((query) => query.relevant.length > 0);
    const known = new Set(db.prepare('SELECT question FROM questions').pluck().all() as string[]);
    for (const query of positives)
      for (const text of query.relevant) if (!known.has(text)) throw new Error(`label not found: ${text}`);

    const per = new Map<string, KindRow>();
    const overall: Record<string, Scores[]> = { ours: [], trigram: [], unicode61: [] };
    const misses: string[] = [];
    for (const query of positives) {
      const row = per.get(query.kind) ?? { kind: query.kind, n: 0, systems: {} };
      row.n += 1;
      for (const [name, ranker] of Object.entries(systems)) {
        const ranked = ranker(query.q).map((hit) => hit.question);
        const scores = scoreRanking(ranked, query.relevant);
        overall[name]!.push(scores);
        const sum = row.systems[name] ?? { recall: 0, rr: 0, ndcg: 0 };
        sum.recall += scores.recall;
        sum.rr += scores.rr;
        sum.ndcg += scores.ndcg;
        row.systems[name] = sum;
        if (name === 'ours' && scores.rr < 1)
          misses.push(
            `  miss [${query.kind}] ${JSON.stringify(query.q)}: first relevant at ${scores.rr > 0 ? 1 / scores.rr : '>10'}; top: ${ranked
              .slice(0, 2)
              .map((text) => text.slice(0, 36))
              .join(' | ')}`,
          );
      }
      per.set(query.kind, row);
    }
    const f = (x: number): string => x.toFixed(3);
    console.log(`\n## ${options.label}: ${count} questions, ${positives.length} queries with answers`);
    console.log(
      `| kind | n | ours R@5 / MRR@10 / nDCG@10 | trigram R@5 / MRR@10 / nDCG@10 | unicode61 R@5 / MRR@10 / nDCG@10 |`,
    );
    console.log('| --- | --- | --- | --- | --- |');
    const cell = (s: Scores, n: number): string => `${f(s.recall / n)} / ${f(s.rr / n)} / ${f(s.ndcg / n)}`;
    for (const row of [...per.values()].sort((a, b) => a.kind.localeCompare(b.kind))) {
      console.log(
        `| ${row.kind} | ${row.n} | ${cell(row.systems.ours!, row.n)} | ${cell(row.systems.trigram!, row.n)} | ${cell(row.systems.unicode61!, row.n)} |`,
      );
    }
    const total = (list: Scores[]): Scores =>
      list.reduce((a, b) => ({ recall: a.recall + b.recall, rr: a.rr + b.rr, ndcg: a.ndcg + b.ndcg }), {
        recall: 0,
        rr: 0,
        ndcg: 0,
      });
    console.log(
      `| **all** | ${positives.length} | ${cell(total(overall.ours!), positives.length)} | ${cell(total(overall.trigram!), positives.length)} | ${cell(total(overall.unicode61!), positives.length)} |`,
    );

    // Negatives: nothing should look like a good answer.
    const negatives = queries.filter((query) => query.relevant.length === 0);
    let bad = 0;
    const lines: string[] = [];
    for (const query of negatives) {
      const top = searcher.search({ q: query.q, limit: 1 }).items[0];
      const claims = top !== undefined && (top.matchedAllTerms || top.score >= GOOD_MATCH);
      if (claims) bad += 1;
      lines.push(
        `  negative ${JSON.stringify(query.q)}: ${top ? `top score ${top.score.toFixed(3)}, matchedAllTerms ${top.matchedAllTerms}` : 'no hits'}${claims ? '  <-- claims a good match' : ''}`,
      );
    }
    console.log(
      `negatives: ${negatives.length - bad}/${negatives.length} without a top hit that claims matchedAllTerms or score >= ${GOOD_MATCH}`,
    );
    if (options.verbose) {
      for (const line of lines) console.log(line);
      for (const line of misses) console.log(line);
    }
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The dev set and corpus folders, when this checkout sits next to ../shared (or at /work/shared). */
export function sharedDir(root: string, name: string): string | undefined {
  for (const candidate of [join(root, '..', 'shared', name), join(root, '..', '..', 'shared', name)])
    if (existsSync(candidate)) return candidate;
  return undefined;
}
