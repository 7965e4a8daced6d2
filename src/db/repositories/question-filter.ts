/**
 * The question filters every list shares (questions, snippets, search
 * pages). One statement serves every filter combination: a NULL parameter
 * switches its condition off. The topic filter expands to the topic's
 * subtree with a recursive CTE, so '/v1/topics/docker/questions' includes
 * 'docker-summary'. Queries alias the questions table as `q`.
 */

/** Prefix for a statement that uses TOPIC_CONDITION (binds @topic). */
export const TOPIC_SUBTREE_CTE = `WITH RECURSIVE subtree(slug) AS (
    SELECT @topic WHERE @topic IS NOT NULL
    UNION ALL SELECT c.slug FROM topics c JOIN subtree ON c.parent_slug = subtree.slug
  )`;

/** The question's topic is @topic or below it (or @topic is NULL). */
export const TOPIC_CONDITION = '(@topic IS NULL OR q.topic_slug IN (SELECT slug FROM subtree))';

/** Binds @topic, @source, @hasCode and @updatedSince. */
export const QUESTION_CONDITIONS = `${TOPIC_CONDITION}
  AND (@source IS NULL OR q.source_id = @source)
  AND (@hasCode IS NULL OR q.has_code = @hasCode)
  AND (@updatedSince IS NULL OR q.updated_at >= @updatedSince)`;

/** The question filters as a request gives them. */
export interface QuestionFilter {
  /** Topic slug; matches the topic and all its descendants. */
  topic?: string | undefined;
  source?: string | undefined;
  hasCode?: boolean | undefined;
  /** ISO 8601 (normalised to `toISOString()` form); matches updatedAt at or after it. */
  updatedSince?: string | undefined;
}

/** The parameters QUESTION_CONDITIONS binds; null switches a condition off. */
export interface QuestionFilterParams {
  topic: string | null;
  source: string | null;
  hasCode: number | null;
  updatedSince: string | null;
}

/** Bind parameters for QUESTION_CONDITIONS. */
export function questionFilterParams(filter: QuestionFilter): QuestionFilterParams {
  return {
    topic: filter.topic ?? null,
    source: filter.source ?? null,
    hasCode: filter.hasCode === undefined ? null : filter.hasCode ? 1 : 0,
    updatedSince: filter.updatedSince ?? null,
  };
}
