import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../../errors.js';
import { EXAMPLE } from './examples.js';
import { isOptionalString, pathParamCheck, withFastCheck } from '../fast-validation.js';

/** Longest Accept / If-None-Match value read. */
const MAX_HEADER_LENGTH = 1024;

/**
 * Schema pieces every resource shares: problem details, pagination and the
 * list envelope. Schemas given an `id` become named OpenAPI components.
 */

const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

export const ProblemIssueSchema = z
  .object({
    in: z.string().describe('Which part of the request: querystring, params, headers or body.'),
    pointer: z.string().describe('JSON pointer into that part, e.g. /limit.'),
    message: z.string(),
  })
  .meta({ id: 'ProblemIssue' });

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the problem type; stable per code.'),
    title: z.string(),
    status: z
      .number()
      .int()
      .min(400)
      .max(599)
      .describe('The HTTP status code, repeated.')
      .meta({ examples: [404] }),
    detail: z.string(),
    code: z
      .enum(ERROR_CODES)
      .describe('Stable machine-readable code.')
      .meta({ examples: ['FAQ_ERR_TOPIC_NOT_FOUND'] }),
    instance: z.string().optional(),
    issues: z.array(ProblemIssueSchema).optional().describe('Validation issues, one per invalid value.'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** A response entry for one error status, documented as application/problem+json. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } } };
}

/**
 * A 200 entry with a description of its own (a bare schema would be
 * documented as "Default Response") and application/json as its only media
 * type, so a generated client types the body as `schema`, never a union.
 */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

/** A 200 entry for a text representation (markdown, raw code) served at a URL of its own. */
export function textResponse(description: string, mediaType: 'text/markdown' | 'text/plain') {
  return { description, content: { [mediaType]: { schema: z.string() } } };
}

/** The 304 answer to a matching If-None-Match: no body. */
export const notModifiedResponse = z
  .undefined()
  .describe('Not modified: the If-None-Match ETag still matches; reuse the copy you have.');

/** What any route can answer when the server, not the request, is at fault. */
export const serverErrorResponses = {
  500: problemResponse('Unexpected failure; details are in the server log, never in the body.'),
};

/**
 * Refused before any route looks at the request: the target is too long
 * (request-limits.ts, the router's parameter limit) or the request line and
 * headers are (Node's header limit, answered by client-errors.ts).
 */
export const requestLimitResponses = {
  414: problemResponse('The request target is longer than 2,048 characters, or a path parameter than 200.'),
  431: problemResponse('The request line and headers exceed 8 KiB.'),
};

/** Error responses every /v1 route can send. */
export const commonErrorResponses = {
  400: problemResponse('Invalid request: each invalid value is listed in issues.'),
  406: problemResponse('None of the media types the Accept header lists can be produced.'),
  ...requestLimitResponses,
  429: problemResponse('Rate limit exceeded; wait for Retry-After seconds.'),
  ...serverErrorResponses,
  503: problemResponse('Overloaded; retry after Retry-After seconds.'),
};

/**
 * The request headers the service reads. Not loose: Fastify keeps the parsed
 * value beside the raw headers and `request.headers` merges both, so other
 * headers stay readable, and zod need not copy every header of every request.
 */
export const RequestHeadersSchema = withFastCheck(
  z.object({
    accept: z
      .string()
      .max(MAX_HEADER_LENGTH)
      .optional()
      .describe('Media types the client accepts; see each response for what is offered.'),
    'if-none-match': z
      .string()
      .max(MAX_HEADER_LENGTH)
      .optional()
      .describe('ETag(s) from an earlier response: 304 when one still matches.'),
  }),
  (headers) => {
    const { accept, 'if-none-match': ifNoneMatch } = headers as Record<string, unknown>;
    return isOptionalString(accept, MAX_HEADER_LENGTH) && isOptionalString(ifNoneMatch, MAX_HEADER_LENGTH);
  },
);

/** Longest path parameter (ids, slugs); the router refuses longer ones before this. */
export const MAX_PARAM_LENGTH = 200;

/** `{ [name]: string }` path parameters, 1 to MAX_PARAM_LENGTH characters, with a fast check. */
export function pathParamsSchema<N extends string>(name: N) {
  return withFastCheck(
    z.object({ [name]: z.string().min(1).max(MAX_PARAM_LENGTH) } as Record<N, z.ZodString>),
    pathParamCheck(name, MAX_PARAM_LENGTH),
  );
}

/** A count of things: 0 or more. */
export const CountSchema = z.number().int().nonnegative();

/** A 1-based line number in a source file. */
export const LineSchema = z.number().int().positive().describe('1-based line in the source file.');

export const LimitSchema = z.coerce.number().int().min(1).max(100).default(20).describe('Items per page, 1 to 100.');

export const CursorSchema = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe("Opaque cursor from the previous page's nextCursor.");

/** An ISO 8601 date or date-time, normalised to `toISOString()` so it compares with stored timestamps. */
export const InstantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    // zod's own words ("Invalid input") do not say what would do.
    error: 'must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z, or a date such as 2026-01-31',
  })
  .transform((value) => new Date(value).toISOString());

/** Longest accepted search text (q of search, suggest and the question list); longer is a 400, never cut. */
export const MAX_QUERY_LENGTH = 1000;

/** Search text as a person types it: 1 to MAX_QUERY_LENGTH characters, not only spaces. */
export const SearchTextSchema = z
  .string()
  .min(1, { error: 'q must contain something to search for' })
  .max(MAX_QUERY_LENGTH, { error: `must be at most ${MAX_QUERY_LENGTH} characters` })
  .refine((value) => value.trim().length > 0, { message: 'q must contain something to search for' });

/**
 * A yes/no query parameter: `true`/`false` or `1`/`0` in the URL. Booleans
 * are part of the type too, so a generated client accepts `hasCode: true`
 * (and serialises it as `true`); the value a route sees is a boolean.
 */
export const FlagSchema = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: 'must be true, false, 1 or 0' })
  .transform((value) => value === true || value === 'true' || value === '1');

/**
 * `{ items, nextCursor, total? }`, named `<Item>List` in OpenAPI.
 * @param total what `total` counts for this list (and when it is absent).
 */
export function listSchema<T extends z.ZodType>(item: T, id: string, total: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as ?cursor= to get the next page; null on the last page.'),
      total: CountSchema.optional().describe(total),
    })
    .meta({ id });
}

/** Where something was written: the source id, its path and the 1-based line. */
export const SourceRefSchema = z
  .object({
    id: z.string().meta({ examples: [EXAMPLE.sourceId] }),
    path: z.string().meta({ examples: [EXAMPLE.sourcePath] }),
    line: LineSchema.meta({ examples: [EXAMPLE.questionLine] }),
  })
  .meta({ id: 'SourceRef' });

/** Text of a file that belongs to no question (an introduction). */
export const DescriptionSchema = z
  .object({
    markdown: z
      .string()
      .describe('As written: source text, raw HTML included, not sanitised; never insert it into a page as HTML.'),
    html: z.string().describe('Rendered and sanitised: safe to insert in a page.'),
  })
  .meta({ id: 'Description' });

export const TopicRefSchema = z
  .object({
    slug: z.string().meta({ examples: [EXAMPLE.topicSlug] }),
    title: z.string().meta({ examples: [EXAMPLE.topicTitle] }),
  })
  .meta({ id: 'TopicRef' });
