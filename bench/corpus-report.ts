/**
 * Eyeball the parser against real FAQ files: per file, the number of
 * questions, topics, snippets and warnings, the first few questions, and the
 * warnings. Not a test; a reading aid for tuning the shape detection.
 *
 *   npx tsx bench/corpus-report.ts [dir] [--all] [--json]
 *
 * dir (a folder, or one file) defaults to ../shared/corpus; --all lists every question.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeMarkdown, parseFaq, SourceInputError } from '../src/ingest/index.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus';
const all = args.includes('--all');
const json = args.includes('--json');
const SHOW = all ? Infinity : 5;

function markdownFiles(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const full = join(root, name);
    if (statSync(full).isDirectory()) out.push(...markdownFiles(full));
    else if (/\.(md|markdown)$/i.test(name)) out.push(full);
  }
  return out;
}

const rows: {
  file: string;
  questions: number;
  topics: number;
  snippets: number;
  unplaced: number;
  warnings: number;
}[] = [];
let totalMs = 0;
const single = statSync(dir).isFile();
for (const file of single ? [dir] : markdownFiles(dir)) {
  const path = single ? (file.split('/').pop() ?? file) : relative(dir, file).split('\\').join('/');
  let doc;
  const started = performance.now();
  try {
    doc = parseFaq(decodeMarkdown(readFileSync(file), path), { path });
  } catch (error) {
    if (error instanceof SourceInputError) {
      console.log(`${path}: REJECTED (${error.reason}) ${error.message}`);
      continue;
    }
    throw error;
  }
  totalMs += performance.now() - started;
  const snippets = doc.questions.reduce((n, q) => n + q.snippets.length, 0);
  const answers = doc.questions.reduce((n, q) => n + countNodes(q.answers), 0);
  rows.push({
    file: path,
    questions: doc.questions.length,
    topics: doc.topics.length,
    snippets,
    unplaced: doc.unplaced,
    warnings: doc.warnings.length,
  });
  if (json) continue;
  console.log(`\n== ${path} — "${doc.title}"`);
  console.log(
    `   questions ${doc.questions.length}, answers ${answers}, topics ${doc.topics.length}, snippets ${snippets}, warnings ${doc.warnings.length}`,
  );
  if (doc.topics.length > 0)
    console.log(
      `   topics: ${doc.topics.map((t) => (t.parentSlug ? `${t.parentSlug}>${t.slug}` : t.slug)).join(', ')}`,
    );
  for (const q of doc.questions.slice(0, SHOW)) {
    const follow = q.followUpOf ? ' (follow-up)' : '';
    console.log(
      `   L${q.line} [${q.topicSlug ?? '-'}] ${clip(q.question, 90)}${follow} — ${q.answers.length} answer(s), ${q.snippets.length} snippet(s)`,
    );
  }
  if (doc.questions.length > SHOW) console.log(`   … ${doc.questions.length - SHOW} more`);
  for (const w of doc.warnings) console.log(`   ! ${w.file}:${w.line} ${w.code} ${w.message}`);
}

if (json) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('\nfile\tquestions\ttopics\tsnippets\twarnings\tunplaced');
  for (const r of rows)
    console.log(`${r.file}\t${r.questions}\t${r.topics}\t${r.snippets}\t${r.warnings}\t${r.unplaced}`);
  console.log(
    `\n${rows.length} files, ${rows.reduce((n, r) => n + r.questions, 0)} questions, ${rows.reduce((n, r) => n + r.unplaced, 0)} unplaced blocks, parsed in ${totalMs.toFixed(0)} ms`,
  );
}

function countNodes(nodes: readonly { children: readonly unknown[] }[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children as { children: unknown[] }[]), 0);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
