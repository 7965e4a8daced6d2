/**
 * Relevance of one question to a planned query, from its analysed fields
 * (search_forward). Pure: the searcher fetches rows, this scores them.
 *
 * Each query word weighs its rarity (BM25's IDF from document frequencies
 * stored at seed time) times its role (a predicate such as 날아가나요 weighs
 * less than a noun; topic-free words are not in the plan at all). A
 * question earns, for every word it contains, that weight times how well it
 * matched: where (question text 1, answers 0.7, code 0.55), through what
 * (exact form 1 … typo correction 0.7) and how often for the field's length
 * (BM25 saturation). The score is the share of the query's weight earned,
 * times a proximity factor (0.85-1) when several words meet in one field, so
 * it lies in 0-1 and means the same for every query: 1 is every word, as
 * typed, in the question text, next to each other.
 */
import type { Alternative, PlanGroup, Role } from './query-plan.js';

/** A question's analysed fields, space-separated index terms. */
export interface ForwardRow {
  question: string;
  answers: string;
  code: string;
}

/** Average field lengths in terms, and the number of questions. */
export interface FieldStats {
  questions: number;
  avg: { question: number; answers: number; code: number };
}

/** A plan group with its weight. */
export interface WeightedGroup extends PlanGroup {
  weight: number;
}

export interface Scored {
  score: number;
  matchedAll: boolean;
}

const FIELDS = ['question', 'answers', 'code'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_WEIGHT: Record<Field, number> = { question: 1, answers: 0.7, code: 0.55 };
const ROLE_WEIGHT: Record<Role, number> = { content: 1, predicate: 0.35, framing: 0.3 };
/** BM25 term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;
/** Terms apart that still count as "next to each other" for proximity. */
const NEAR = 3;

/** BM25 inverse document frequency: rare terms weigh more; never negative. */
export function idf(df: number, questions: number): number {
  return Math.log(1 + (questions - df + 0.5) / (df + 0.5));
}

/** A group's weight: rarity × role. */
export function groupWeight(group: PlanGroup, df: number, questions: number): number {
  return idf(df, questions) * ROLE_WEIGHT[group.role];
}

/** Start positions of `terms` as a phrase in `tokens` (`prefix`: the last term may be longer). */
function phrasePositions(tokens: readonly string[], terms: readonly string[], prefix: boolean): number[] {
  const found: number[] = [];
  const last = terms.length - 1;
  outer: for (let i = 0; i + last < tokens.length; i += 1) {
    for (let j = 0; j <= last; j += 1) {
      const token = tokens[i + j]!;
      const term = terms[j]!;
      if (j === last && prefix ? !token.startsWith(term) : token !== term) continue outer;
    }
    found.push(i);
  }
  return found;
}

/** Positions where an alternative matches in a field's tokens. */
function alternativePositions(tokens: readonly string[], alternative: Alternative): number[] {
  const [first, second] = alternative.phrases;
  const at = phrasePositions(tokens, first!, alternative.prefix);
  if (!second || at.length === 0) return at;
  const others = phrasePositions(tokens, second, alternative.prefix);
  return at.filter((p) => others.some((o) => Math.abs(o - p) <= NEAR + first!.length));
}

/**
 * Score one question.
 *
 * @param row Its analysed fields.
 * @param groups The query's groups with weights.
 * @param stats Field length averages.
 */
export function scoreQuestion(row: ForwardRow, groups: readonly WeightedGroup[], stats: FieldStats): Scored {
  const tokens = {
    question: row.question === '' ? [] : row.question.split(' '),
    answers: row.answers === '' ? [] : row.answers.split(' '),
    code: row.code === '' ? [] : row.code.split(' '),
  };
  let total = 0;
  let earned = 0;
  let matchedAll = true;
  // Where each group matched best, for proximity.
  const best: { field: Field; positions: number[] }[] = [];
  for (const group of groups) {
    total += group.weight;
    let value = 0;
    let where: { field: Field; positions: number[] } | undefined;
    for (const field of FIELDS) {
      const fieldTokens = tokens[field];
      if (fieldTokens.length === 0) continue;
      const norm = 1 - B + (B * fieldTokens.length) / Math.max(1, stats.avg[field]);
      for (const alternative of group.alternatives) {
        if (alternative.quality * FIELD_WEIGHT[field] <= value) continue;
        const positions = alternativePositions(fieldTokens, alternative);
        if (positions.length === 0) continue;
        const tf = positions.length;
        const saturation = tf / (tf + K1 * norm);
        const candidate = FIELD_WEIGHT[field] * alternative.quality * (0.8 + 0.2 * saturation);
        if (candidate > value) {
          value = candidate;
          where = { field, positions };
        }
      }
    }
    if (value === 0) matchedAll = false;
    earned += group.weight * value;
    if (where) best.push(where);
  }
  if (total === 0) return { score: 0, matchedAll: false };
  let score = earned / total;
  // Proximity: of the query's consecutive matched words, the share that
  // meet within NEAR terms in the same field.
  if (best.length >= 2) {
    let near = 0;
    for (let i = 1; i < best.length; i += 1) {
      const a = best[i - 1]!;
      const b = best[i]!;
      if (a.field === b.field && a.positions.some((p) => b.positions.some((q) => Math.abs(p - q) <= NEAR))) near += 1;
    }
    score *= 0.85 + (0.15 * near) / (best.length - 1);
  }
  return { score, matchedAll };
}
