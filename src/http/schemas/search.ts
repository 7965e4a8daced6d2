import { z } from 'zod';
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
    id: z.string().describe('Question id, as in /v1/questions/{id}.'),
    question: z.string().describe('The question as plain text.'),
    topic: TopicRefSchema.nullable(),
    source: SourceRefSchema,
    score: z
      .number()
      .describe(
        'Relevance, higher is better: whole-number part is the tier (5: every word in the question text, 4: in question and answers, 3: anywhere including code, 2: all words but one, 1: some word), the fraction prefers shorter questions.',
      ),
    matchedAllTerms: z.boolean().describe('True when every query word matched; such hits come before the rest.'),
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
