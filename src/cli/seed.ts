/**
 * `npm run seed [-- --json] [-- --check] [-- --strict] [-- --no-cache]`: markdown in SEEDS_DIR
 * → SQLite at DATABASE_PATH. Thin: arguments and output only; the work is
 * seedDatabase().
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadSeedConfig, type SeedConfig } from '../config.js';
import { defaultCacheDir } from '../db/parse-cache.js';
import { formatProblem, SeedError, seedDatabase, type SeedReport } from '../db/seed.js';

const USAGE = `usage: npm run seed -- [--json] [--check] [--strict] [--full] [--no-cache]
  --json      print only the summary as JSON on stdout
  --check     parse and report without writing; exit 1 on errors
  --strict    treat warnings as errors
  --full      parse and load every file (by default only changed files are,
              into a copy of the previous database)
  --no-cache  parse every file again (by default unchanged files are
              reused from node_modules/.cache/faq-seed)
environment: SEEDS_DIR (default seeds), DATABASE_PATH (default data/faq.db),
  SEED_MAX_FILE_SIZE (10MB), SEED_MAX_ANSWER_SIZE (1MB), SEED_MAX_NESTING (100)`;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The human summary: one line a source, then warnings as file:line. */
export function formatReport(report: SeedReport, seconds: number): string {
  const lines: string[] = [];
  const warnings = report.sources.flatMap((s) => s.warnings);
  for (const s of report.sources) {
    lines.push(
      `  ${s.path}  "${s.title}"  ${plural(s.topics, 'topic')}, ${plural(s.questions, 'question')}, ${plural(s.snippets, 'snippet')}`,
    );
  }
  const t = report.totals;
  const sum = (key: 'topics' | 'questions' | 'snippets' | 'unplaced'): number =>
    report.sources.reduce((n, s) => n + s[key], 0);
  // Blocks that follow no question: each is listed below as a warning with file:line.
  const unplaced = plural(sum('unplaced'), 'unplaced block');
  lines.push(
    t
      ? `seeded ${report.database} in ${seconds.toFixed(2)} s (${report.mode === 'incremental' ? `incremental, ${plural(report.carried, 'unchanged file')} carried over` : 'full'}): ${plural(t.sources, 'source')}, ${plural(t.topics, 'topic')}, ${plural(t.questions, 'question')}, ${plural(t.answers, 'answer')}, ${plural(t.snippets, 'snippet')}, ${plural(t.links, 'link')}, ${plural(t.images, 'image')}, ${unplaced}, ${plural(warnings.length, 'warning')}`
      : `checked ${plural(report.sources.length, 'source')} in ${seconds.toFixed(2)} s: ${plural(sum('questions'), 'question')}, ${plural(sum('snippets'), 'snippet')}, ${unplaced}, ${plural(warnings.length, 'warning')} (nothing written)`,
  );
  for (const entry of report.skipped) lines.push(`warning: ${entry.file}: ${entry.reason}; skipped`);
  for (const w of warnings) lines.push(`warning: ${w.file}:${w.line}: ${w.message} [${w.code}]`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`seed: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config: SeedConfig;
  try {
    config = loadSeedConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`seed: ${error.message}\n`);
    return 2;
  }
  const started = performance.now();
  try {
    const report = await seedDatabase({
      seedsDir: config.SEEDS_DIR,
      databasePath: config.DATABASE_PATH,
      check: args.check,
      strict: args.strict,
      full: args.full,
      cacheDir: args['no-cache'] ? undefined : defaultCacheDir(),
      limits: config.limits,
      onProgress: (line) => process.stderr.write(`seed: ${line}\n`),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      args.json
        ? `${JSON.stringify({ sources: report.sources, skipped: report.skipped, totals: report.totals, database: report.database, mode: report.mode, carried: report.carried })}\n`
        : `${formatReport(report, seconds)}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof SeedError)) {
      // Not the content (that is a SeedError): the disk, permissions, a bug.
      // One line all the same; the previous database is untouched.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `seed: error: ${message.replace(/\s*\n\s*/g, '; ')}\nseed: failed; ${config.DATABASE_PATH} is unchanged\n`,
      );
      return 1;
    }
    if (args.json)
      process.stdout.write(`${JSON.stringify({ sources: error.report.sources, errors: error.problems })}\n`);
    for (const problem of error.problems) process.stderr.write(`seed: error: ${formatProblem(problem)}\n`);
    process.stderr.write(
      `seed: failed; ${args.check ? 'nothing was written' : `${config.DATABASE_PATH} is unchanged`}\n`,
    );
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
