/**
 * Limits on what one seed file may hold. A file over a limit is refused with
 * one line naming the file, the limit and the variable that raises it, so an
 * accident (a 50 MB log pasted into an answer, 20,000 nested quotes) cannot
 * take the seed, or later the server, down.
 */
import type { FaqDocument, FaqQuestion, AnswerNode } from '../ingest/model.js';

export interface SeedLimits {
  /** Largest seed file, in bytes. */
  maxFileBytes: number;
  /** Largest answer of one question (its nodes' markdown and its snippets' code), in bytes. */
  maxAnswerBytes: number;
  /** Deepest nesting of block quotes and list items. */
  maxNesting: number;
}

export const DEFAULT_SEED_LIMITS: SeedLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxAnswerBytes: 1024 * 1024,
  maxNesting: 100,
};

/** The environment variable that sets each limit (src/config.ts reads them). */
export const SEED_LIMIT_VARIABLES: Record<keyof SeedLimits, string> = {
  maxFileBytes: 'SEED_MAX_FILE_SIZE',
  maxAnswerBytes: 'SEED_MAX_ANSWER_SIZE',
  maxNesting: 'SEED_MAX_NESTING',
};

/** `1536` → '1.5 KB', `10485760` → '10 MB' (1 KB = 1024 bytes, as the variables read them). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}

/** 'raise SEED_MAX_FILE_SIZE (now 10 MB) to seed it' */
export function raiseHint(limit: keyof SeedLimits, limits: SeedLimits): string {
  const now = limit === 'maxNesting' ? String(limits.maxNesting) : formatBytes(limits[limit]);
  return `raise ${SEED_LIMIT_VARIABLES[limit]} (now ${now}) to seed it`;
}

function answerBytes(question: FaqQuestion): number {
  let bytes = 0;
  const add = (nodes: AnswerNode[]): void => {
    for (const node of nodes) {
      bytes += Buffer.byteLength(node.markdown);
      add(node.children);
    }
  };
  add(question.answers);
  for (const snippet of question.snippets) bytes += Buffer.byteLength(snippet.code);
  return bytes;
}

/** A document's first question whose answer is over the answer size limit, as a line and reason; null when none is. */
export function oversizedAnswer(doc: FaqDocument, limits: SeedLimits): { line: number; reason: string } | null {
  for (const question of doc.questions) {
    const bytes = answerBytes(question);
    if (bytes > limits.maxAnswerBytes) {
      const title = question.question.length > 60 ? `${question.question.slice(0, 57)}…` : question.question;
      return {
        line: question.line,
        reason: `the answer to "${title}" is ${formatBytes(bytes)}, over the answer size limit of ${formatBytes(limits.maxAnswerBytes)}; ${raiseHint('maxAnswerBytes', limits)}`,
      };
    }
  }
  return null;
}
