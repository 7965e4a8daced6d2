/**
 * Search quality: labelled queries (bench/search-queries.ts) against the
 * bundled seed alone and with generated distractor questions that use the
 * same vocabulary (Pod, 볼륨, Deployment, …). Prints recall@5 and MRR@10,
 * per query kind, and every query that missed. With distractors, a generic
 * query ("볼륨은", "replica") has hundreds of equally right answers, so two
 * figures are printed: scale-aware (generated questions that contain the
 * query's terms count as relevant, see `atScale` in search-queries.ts) and
 * strict (only the labelled seed question counts).
 *
 * First, the search development set (bench/search-devset.ts): its three
 * files alone, then with the corpus files added as distractors, each beside
 * two naive FTS5 baselines.
 *
 *   npm run bench:search [-- --generated 20000 --half odd|even --verbose --dev DIR --corpus DIR]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Database } from '../src/db/open.js';
import { createSearcher } from '../src/search/query.js';
import { openBenchDatabase } from './search-db.js';
import { runDevSet, sharedDir } from './search-devset.js';
import { LABELLED_QUERIES, type LabelledQuery } from './search-queries.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    generated: { type: 'string', default: '20000' },
    dev: { type: 'string' },
    corpus: { type: 'string' },
    half: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    'dev-only': { type: 'boolean', default: false },
  },
});

interface Outcome {
  query: LabelledQuery;
  /** 1-based rank of the first relevant hit in the top 10; 0 when none. */
  firstRank: number;
  /** Share of the relevant questions in the top 5 (capped at 5 relevant). */
  recall: number;
  top: string[];
}

/** Resolve text fragments to question ids; each fragment must name exactly one question of the bundled seed. */
function resolve(db: Database, fragment: string): string {
  const ids = db
    .prepare("SELECT id FROM questions WHERE source_id = 'mspt3_24-2-scp' AND instr(question, ?) > 0")
    .pluck()
    .all(fragment) as string[];
  if (ids.length !== 1) throw new Error(`label "${fragment}" matches ${ids.length} questions of the bundled seed`);
  return ids[0]!;
}

/** True when `text` contains `alternative`: English as a whole word, Korean as a substring. */
function mentions(text: string, alternative: string): boolean {
  if (!/^[a-z0-9 ]+$/.test(alternative)) return text.includes(alternative);
  return new RegExp(`(?<![a-z0-9])${alternative.replace(/ /g, '\\s+')}(?![a-z0-9])`).test(text);
}

/** Generated questions that answer a generic query as well as the labelled seed question does. */
function alsoRelevant(db: Database, query: LabelledQuery): string[] {
  if (!query.atScale) return [];
  const { all, scope = 'question' } = query.atScale;
  const rows = db
    .prepare(
      `SELECT q.id, q.question
         || CASE WHEN @text THEN char(10) || coalesce((SELECT group_concat(text, char(10)) FROM answers a WHERE a.question_id = q.id), '')
              || char(10) || coalesce((SELECT group_concat(code, char(10)) FROM snippets s WHERE s.question_id = q.id), '') ELSE '' END AS body
         FROM questions q WHERE q.source_id <> 'mspt3_24-2-scp'`,
    )
    .all({ text: scope === 'text' ? 1 : 0 }) as { id: string; body: string }[];
  return rows
    .filter((row) => {
      const body = row.body.toLowerCase();
      return all.every((alternatives) => alternatives.some((alternative) => mentions(body, alternative)));
    })
    .map((row) => row.id);
}

function evaluate(db: Database, scaleAware: boolean): Outcome[] {
  const searcher = createSearcher(db);
  return LABELLED_QUERIES.map((query) => {
    const relevant = new Set(query.relevant.map((fragment) => resolve(db, fragment)));
    if (scaleAware) for (const id of alsoRelevant(db, query)) relevant.add(id);
    const hits = searcher.search({ q: query.q, limit: 10 }).items;
    const firstIndex = hits.findIndex((hit) => relevant.has(hit.id));
    const inTop5 = hits.slice(0, 5).filter((hit) => relevant.has(hit.id)).length;
    return {
      query,
      firstRank: firstIndex + 1,
      recall: inTop5 / Math.min(relevant.size, 5),
      top: hits.slice(0, 3).map((hit) => hit.question.slice(0, 40)),
    };
  });
}

function summarise(label: string, outcomes: Outcome[]): void {
  const mean = (list: number[]): number => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
  const recall = mean(outcomes.map((o) => o.recall));
  const hitRate = mean(outcomes.map((o) => (o.firstRank >= 1 && o.firstRank <= 5 ? 1 : 0)));
  const mrr = mean(outcomes.map((o) => (o.firstRank > 0 ? 1 / o.firstRank : 0)));
  console.log(`\n## ${label}: ${outcomes.length} queries`);
  console.log(`recall@5 ${recall.toFixed(3)}   hit@5 ${hitRate.toFixed(3)}   MRR@10 ${mrr.toFixed(3)}`);
  const kinds = [...new Set(outcomes.map((o) => o.query.kind))];
  for (const kind of kinds) {
    const group = outcomes.filter((o) => o.query.kind === kind);
    console.log(
      `  ${kind.padEnd(16)} n=${String(group.length).padStart(2)}  recall@5 ${mean(group.map((o) => o.recall)).toFixed(3)}  ` +
        `MRR ${mean(group.map((o) => (o.firstRank > 0 ? 1 / o.firstRank : 0))).toFixed(3)}`,
    );
  }
  const misses = outcomes.filter((o) => o.recall < 1);
  for (const miss of misses) {
    console.log(
      `  miss: ${JSON.stringify(miss.query.q)} first relevant at ${miss.firstRank || '>10'}, recall ${miss.recall.toFixed(2)}; top: ${miss.top.join(' | ')}`,
    );
  }
}

const devDir = values.dev ?? sharedDir(ROOT, 'search-dev');
const corpusDir = values.corpus ?? sharedDir(ROOT, 'corpus');
if (values.half !== undefined && values.half !== 'odd' && values.half !== 'even')
  throw new Error('--half is odd or even');
if (devDir) {
  const common = {
    devDir,
    synonymsFile: join(ROOT, 'seeds', 'synonyms.yaml'),
    half: values.half as 'odd' | 'even' | undefined,
    verbose: values.verbose,
  };
  await runDevSet({ ...common, label: 'search dev set alone' });
  if (corpusDir) await runDevSet({ ...common, extraDirs: [corpusDir], label: 'search dev set + corpus distractors' });
  else console.log('\n(no corpus folder found: pass --corpus DIR for the run with distractors)');
} else {
  console.log('(no search-dev folder found next to this checkout: pass --dev DIR)');
}
if (values['dev-only']) process.exit(0);

const generated = Number(values.generated);
const seedOnly = await openBenchDatabase({ generated: 0 });
summarise('bundled seed (10 questions)', evaluate(seedOnly, false));
seedOnly.close();
if (generated > 0) {
  const started = performance.now();
  const larger = await openBenchDatabase({ generated });
  const count = larger.prepare('SELECT count(*) FROM questions').pluck().get() as number;
  console.log(`\n(opened/built the larger corpus in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  summarise(
    `bundled seed + generated (${count} questions); generic queries also accept generated questions with the same terms`,
    evaluate(larger, true),
  );
  summarise(
    `bundled seed + generated (${count} questions); strict: only the labelled seed questions count`,
    evaluate(larger, false),
  );
  larger.close();
}
