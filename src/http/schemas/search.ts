import { EXAMPLE } from './examples.js';
import { z } from 'zod';
import { GOOD_MATCH } from '../../search/query.js';
import { CursorSchema, SearchTextSchema, SourceRefSchema, TopicRefSchema } from './common.js';

export const HighlightSegmentSchema = z
  .object({
    text: z.string(),
    match: z.boolean().describe('True when this piece matched the query.'),
  })
  .meta({
    id: 'HighlightSegment',
    description:
      'A piece of text; concatenating the segments gives the whole text back. Render without injecting HTML.',
  });

export const SearchHitSchema = z
  .object({
    id: z
      .string()
      .describe('Question id, as in /v1/questions/{id}.')
      .meta({ examples: [EXAMPLE.questionId] }),
    question: z.string().describe('The question as plain text.'),
    topic: TopicRefSchema.nullable(),
    source: SourceRefSchema,
    score: z
      .number()
      .min(0)
      .max(1)
      .describe(
        `Relevance from 0 to 1, comparable across queries: the share of the query's weight (rarer words weigh more; question words and fillers none) this question matched, discounted for matches in answers or code rather than the question text, for typo corrections, and for matched words far apart. ${GOOD_MATCH} or more is a good match; below it a frontend can say there is no good answer yet.`,
      )
      .meta({ examples: [EXAMPLE.score] }),
    matchedAllTerms: z
      .boolean()
      .describe('True when every query word that carries meaning matched somewhere in the question, answers or code.'),
    highlights: z.array(HighlightSegmentSchema).describe('The question text as matched / unmatched segments.'),
  })
  .meta({ id: 'SearchHit' });

export const SearchResultsSchema = z
  .object({
    items: z.array(SearchHitSchema),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as ?cursor= with the same q and filters for the next page; null on the last page.'),
  })
  .meta({ id: 'SearchResults' });

export const SearchQuerySchema = z.object({
  q: SearchTextSchema.describe(
    'What to look for, in Korean, English or both (1 to 1,000 characters). Particles, transliterations (볼륨/Volume), plural forms, partial words and one typo in longer words are handled.',
  ),
  topic: z.string().min(1).max(200).optional().describe('Topic slug; includes its subtopics.'),
  source: z.string().min(1).max(200).optional().describe('Source id.'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Hits per page, 1 to 50.'),
  cursor: CursorSchema,
});

export const RelatedQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(20).default(5).describe('Related questions, 1 to 20.'),
});

export const RelatedQuestionsSchema = z
  .object({ items: z.array(SearchHitSchema).describe('Most similar first; the question itself is never among them.') })
  .meta({ id: 'RelatedQuestions' });

export const SuggestionSchema = z
  .object({
    id: z.string(),
    question: z.string(),
    topic: TopicRefSchema.nullable(),
    highlights: z
      .array(HighlightSegmentSchema)
      .describe('The question text with the words that completed the query marked.'),
  })
  .meta({ id: 'Suggestion' });

export const SuggestionsSchema = z.object({ items: z.array(SuggestionSchema) }).meta({ id: 'Suggestions' });

export const SuggestQuerySchema = z.object({
  q: SearchTextSchema.describe(
    'Text typed so far: a prefix, a half-typed Hangul syllable (쿠버ㄴ) or initial consonants (ㄷㅋ).',
  ),
  limit: z.coerce.number().int().min(1).max(20).default(8).describe('Suggestions, 1 to 20.'),
});
